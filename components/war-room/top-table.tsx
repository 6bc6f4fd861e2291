'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { useFormats } from '@/hooks/use-formats';
import type { TBlockTarget, TTopEntry } from '@/hooks/war-room';

type TProps = {
  title: string;
  type: TBlockTarget['type'];
  entries: TTopEntry[];
  blocked: Set<string>;
  /** Null when the user's role may not add block-list entries: the Block buttons are left out. */
  onBlock: ((target: TBlockTarget) => void) | null;
  pending: boolean;
};

/** The attack's top IPs, BINs or cards with their decision split, each one block away (for analysts and up). */
export function TopTable({ title, type, entries, blocked, onBlock, pending }: TProps) {
  const t = useTranslations('warRoom.top');
  const f = useFormats();
  return (
    <div className="war-top" data-testid={`war-top-${type}`}>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('value')}</th>
              <th className="num">{t('attempts')}</th>
              <th className="num" title={t('splitTitle')}>
                {t('split')}
              </th>
              <th aria-label={t('action')} />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const isBlocked = blocked.has(`${type}:${e.value}`);
              return (
                <tr key={e.value} data-testid="war-top-row" data-value={e.value}>
                  <td className="mono" translate="no">
                    {e.value}
                  </td>
                  <td className="num" data-label={t('attempts')}>
                    {f.number(e.attempts)}
                  </td>
                  {/* Each part says its word, not only its colour. */}
                  <td className="num">
                    <span className="war-b">{t('blocked', { count: e.blocked ?? 0 })}</span> / <span className="war-r">{t('review', { count: e.review ?? 0 })}</span> /{' '}
                    <span className="war-a">{t('allowed', { count: e.allowed ?? 0 })}</span>
                  </td>
                  <td className="num">
                    {isBlocked ? (
                      <span className="badge badge-block" data-testid="war-blocked">
                        {t('isBlocked')}
                      </span>
                    ) : onBlock ? (
                      <Button size="sm" variant="danger" disabled={pending} onClick={() => onBlock({ type, value: e.value })} data-testid="war-block">
                        {t('block')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
