'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useBulkReview, type TBulkTarget } from '@/hooks/use-team-queue';
import type { TReviewAction } from '@/lib/reviews/schema';
import { verdictFor, type TVerdictChoice } from './queue-logic';
import { VerdictSelect } from './verdict-select';
import styles from './review.module.css';

type TScope = { key: string; label: string; target: TBulkTarget };

/**
 * Bulk decisions: the selected rows, and "every pending payment from this IP /
 * this incident". Those two reach rows not on screen, so they ask once more
 * before acting. Items someone else holds or already reviewed are skipped and
 * named in the toast.
 */
export function BulkBar(props: { orgId: string; selected: string[]; onClear: () => void; onSelectAll: () => void; ip: string | null; attack: { id: string; label: string } | null }) {
  const t = useTranslations('review.bulk');
  const bulk = useBulkReview(props.orgId);
  const [verdict, setVerdict] = useState<TVerdictChoice>('auto');
  const [asking, setAsking] = useState<string | null>(null);
  const run = (target: TBulkTarget, action: TReviewAction) =>
    bulk.mutate(
      { target, action, verdict: verdictFor(action, verdict) },
      {
        // A verdict is chosen for one decision: the next bulk starts from "as decided" again.
        onSuccess: () => {
          setVerdict('auto');
          if ('ids' in target) props.onClear();
        },
        onSettled: () => setAsking(null),
      },
    );

  const scopes: TScope[] = [];
  if (props.ip) scopes.push({ key: 'ip', label: t('scopeIp', { ip: props.ip }), target: { ip: props.ip } });
  if (props.attack) scopes.push({ key: 'attack', label: t('scopeIncident', { label: props.attack.label }), target: { attackId: props.attack.id } });
  const n = props.selected.length;

  return (
    <div className={styles.bulk} data-testid="review-bulk">
      <VerdictSelect value={verdict} onChange={setVerdict} disabled={bulk.isPending} label={t('verdictLabel')} testId="bulk-verdict" autoLabel={t('autoLabel')} />
      <span className={styles.bulkGroup}>
        <span data-testid="review-selected-count">{t('selected', { count: n })}</span>
        <Button size="sm" variant="ghost" onClick={props.onSelectAll} data-testid="review-select-all">
          {t('selectAll')}
        </Button>
        {n > 0 ? (
          <>
            <Button size="sm" onClick={() => run({ ids: props.selected }, 'approve')} disabled={bulk.isPending} data-testid="bulk-approve">
              {t('approveN', { count: n })}
            </Button>
            <Button size="sm" variant="danger" onClick={() => run({ ids: props.selected }, 'block')} disabled={bulk.isPending} data-testid="bulk-block">
              {t('blockN', { count: n })}
            </Button>
            <Button size="sm" variant="ghost" onClick={props.onClear}>
              {t('clear')}
            </Button>
          </>
        ) : null}
      </span>
      {scopes.map((s) => (
        <span key={s.key} className={styles.bulkGroup} data-testid={`resolve-${s.key}`}>
          {asking?.startsWith(`${s.key}:`) ? (
            <>
              <span>{t('ask', { action: asking.endsWith(':block') ? 'block' : 'approve', scope: s.label })}</span>
              <Button size="sm" variant={asking.endsWith(':block') ? 'danger' : 'primary'} disabled={bulk.isPending} onClick={() => run(s.target, asking.endsWith(':block') ? 'block' : 'approve')} data-testid={`resolve-${s.key}-confirm`}>
                {bulk.isPending ? t('working') : t('confirm')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setAsking(null)}>
                {t('cancel')}
              </Button>
            </>
          ) : (
            <>
              <span className="muted">{s.key === 'ip' ? t('allFromIp', { ip: props.ip ?? '' }) : t('allFromIncident')}</span>
              <Button size="sm" onClick={() => setAsking(`${s.key}:approve`)} data-testid={`resolve-${s.key}-approve`}>
                {t('approveAll')}
              </Button>
              <Button size="sm" variant="danger" onClick={() => setAsking(`${s.key}:block`)} data-testid={`resolve-${s.key}-block`}>
                {t('blockAll')}
              </Button>
            </>
          )}
        </span>
      ))}
    </div>
  );
}
