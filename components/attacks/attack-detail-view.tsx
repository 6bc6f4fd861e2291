'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useOrgId } from '@/components/shell/org-context';
import { useAttackDetail } from '@/hooks/use-attacks';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { useCan } from '@/hooks/use-permissions';
import { useRuleName } from '@/hooks/use-rule-name';
import type { TAttack, TTopEntry } from '@/lib/attacks/schema';
import { attackDurationMs, blockedShare, describeAction, formatDuration, type TAttacksT } from './describe';

function TopList({ title, entries }: { title: string; entries: TTopEntry[] }) {
  const t = useTranslations('attacks.top');
  const f = useFormats();
  return (
    <Card>
      <CardHeader title={title} />
      <Table aria-label={title}>
        <THead>
          <Tr>
            <Th>{t('value')}</Th>
            <Th>{t('attempts')}</Th>
            <Th>{t('blocked')}</Th>
            <Th>{t('review')}</Th>
            <Th>{t('allowed')}</Th>
          </Tr>
        </THead>
        <TBody>
          {entries.map((e) => (
            <Tr key={e.value}>
              <Td className="mono" translate="no">
                {e.value}
              </Td>
              <Td className="mono">{f.number(e.attempts)}</Td>
              <Td className="mono">{f.number(e.blocked)}</Td>
              <Td className="mono">{f.number(e.review)}</Td>
              <Td className="mono">{f.number(e.allowed)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

/** Where the incident's attempts were counted from: "3 IPs, 2 devices, failed attempts on 1 BIN". */
function sources(t: TAttacksT, a: TAttack): string {
  const { ips, devices, bins } = a.indicators;
  const parts = [
    ips.length ? t('detail.ips', { count: ips.length }) : null,
    devices.length ? t('detail.devices', { count: devices.length }) : null,
    bins.length ? t('detail.bins', { count: bins.length }) : null,
  ].filter(Boolean);
  return parts.join(', ') || t('detail.usualShare');
}

/** /attacks/:id – one incident after the fact (or while it lasts): its figures, why it opened, and the team's actions. */
export function AttackDetailView({ id }: { id: string }) {
  const t = useTranslations('attacks');
  const f = useFormats();
  const ruleName = useRuleName();
  const errorText = useErrorText();
  const orgId = useOrgId();
  const detail = useAttackDetail(orgId, id);
  const canExport = useCan('export');
  if (detail.isPending) return <div className="skeleton" aria-busy="true" />;
  if (detail.isError) return <Alert>{t('detail.loadFailed', { error: errorText(detail.error) })}</Alert>;
  const { attack: a, actions } = detail.data;
  const figures = [
    ['lasted', formatDuration(attackDurationMs(a))],
    ['attempts', f.number(a.attempts)],
    ['blocked', t('share', { share: blockedShare(a) })],
    ['declined', f.number(a.declined)],
    ['distinctCards', f.number(a.distinctCards)],
  ] as const;
  const status = [
    a.status === 'open' ? t('detail.stillOpen') : t('detail.ended', { time: f.when(a.endedAt!) }),
    a.resumedAt ? t('detail.resumed', { time: f.when(a.resumedAt) }) : null,
    t('detail.counts', { sources: sources(t, a) }),
  ];
  return (
    <>
      <div className="page-header">
        <div>
          <p className="hint">
            <Link href="/attacks">{t('detail.back')}</Link>
          </p>
          <h1 data-testid="attack-title">
            {t('detail.heading', { time: f.when(a.startedAt) })}{' '}
            {a.status === 'open' ? <Badge tone="block">{t('status.open')}</Badge> : <Badge>{t('status.over')}</Badge>}
          </h1>
          <p className="muted">{status.filter(Boolean).join(' ')}</p>
        </div>
        {canExport ? (
          <a className="btn btn-secondary btn-sm" href={`/api/v1/attacks/${a.id}/export`} download data-testid="attack-export">
            {t('detail.export')}
          </a>
        ) : null}
      </div>
      <div className="war-counters" data-testid="attack-figures">
        {figures.map(([key, value]) => (
          <div key={key} className="war-counter">
            <div className="war-counter-label">{t(`detail.${key}`)}</div>
            <div className="war-counter-value">{value}</div>
          </div>
        ))}
      </div>
      <Card>
        <CardHeader title={t('detail.actionsTitle')} description={t('detail.actionsDescription')} />
        <CardBody>
          {actions.length === 0 ? (
            <p className="muted">{t('detail.noActions')}</p>
          ) : (
            <ol className="attack-actions" data-testid="attack-actions">
              {actions.map((e) => (
                <li key={e.id}>
                  <time className="mono">{f.when(e.createdAt)}</time> {describeAction(t, e, ruleName)}
                </li>
              ))}
            </ol>
          )}
        </CardBody>
      </Card>
      <div className="attack-tops">
        <TopList title={t('list.topIps')} entries={a.topIps} />
        <TopList title={t('list.topBins')} entries={a.topBins} />
        <TopList title={t('detail.topCards')} entries={a.topCards} />
      </div>
    </>
  );
}
