'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useOrgId } from '@/components/shell/org-context';
import { formatTime } from '@/components/dashboard/format';
import { useAttackDetail } from '@/hooks/use-attacks';
import { useCan } from '@/hooks/use-permissions';
import type { TTopEntry } from '@/lib/attacks/schema';
import { attackDurationMs, blockedShare, describeAction, formatCount, formatDuration } from './describe';

function TopList({ title, entries }: { title: string; entries: TTopEntry[] }) {
  return (
    <Card>
      <CardHeader title={title} />
      <Table aria-label={title}>
        <THead>
          <Tr>
            <Th>Value</Th>
            <Th>Attempts</Th>
            <Th>Blocked</Th>
            <Th>Review</Th>
            <Th>Allowed</Th>
          </Tr>
        </THead>
        <TBody>
          {entries.map((e) => (
            <Tr key={e.value}>
              <Td className="mono">{e.value}</Td>
              <Td className="mono">{formatCount(e.attempts)}</Td>
              <Td className="mono">{formatCount(e.blocked)}</Td>
              <Td className="mono">{formatCount(e.review)}</Td>
              <Td className="mono">{formatCount(e.allowed)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

/** /attacks/:id – one incident after the fact (or while it lasts): its figures, why it opened, and the team's actions. */
export function AttackDetailView({ id }: { id: string }) {
  const orgId = useOrgId();
  const detail = useAttackDetail(orgId, id);
  const canExport = useCan('export');
  if (detail.isPending) return <div className="skeleton" aria-busy="true" />;
  if (detail.isError) return <Alert>Could not load this incident: {detail.error.message}</Alert>;
  const { attack: a, actions } = detail.data;
  const figures = [
    ['Lasted', formatDuration(attackDurationMs(a))],
    ['Attempts', formatCount(a.attempts)],
    ['Blocked', `${blockedShare(a)} %`],
    ['Declined', formatCount(a.declined)],
    ['Distinct cards', formatCount(a.distinctCards)],
  ];
  return (
    <>
      <div className="page-header">
        <div>
          <p className="hint">
            <Link href="/attacks">← Incidents</Link>
          </p>
          <h1 data-testid="attack-title">
            Card-testing attack, {formatTime(a.startedAt)} {a.status === 'open' ? <Badge tone="block">Under way</Badge> : <Badge>Over</Badge>}
          </h1>
          <p className="muted">
            {a.status === 'open' ? 'Still under way.' : `Ended ${formatTime(a.endedAt!)}.`}
            {a.resumedAt ? ` It stopped, then resumed at ${formatTime(a.resumedAt)}.` : ''} Counts are the attack’s own attempts: from{' '}
            {[a.indicators.ips.length && `${a.indicators.ips.length} IPs`, a.indicators.devices.length && `${a.indicators.devices.length} devices`, a.indicators.bins.length && `failed attempts on ${a.indicators.bins.length} BINs`]
              .filter(Boolean)
              .join(', ') || 'failed attempts beyond the usual share'}
            .
          </p>
        </div>
        {canExport ? (
          <a className="btn btn-secondary btn-sm" href={`/api/v1/attacks/${a.id}/export`} download data-testid="attack-export">
            Export CSV
          </a>
        ) : null}
      </div>
      <div className="war-counters" data-testid="attack-figures">
        {figures.map(([label, value]) => (
          <div key={label} className="war-counter">
            <div className="war-counter-label">{label}</div>
            <div className="war-counter-value">{value}</div>
          </div>
        ))}
      </div>
      <Card>
        <CardHeader title="What the team did" description="From the audit trail, from the attack’s start to 10 minutes after its end." />
        <CardBody>
          {actions.length === 0 ? (
            <p className="muted">Nobody acted during this incident.</p>
          ) : (
            <ol className="attack-actions" data-testid="attack-actions">
              {actions.map((e) => (
                <li key={e.id}>
                  <time className="mono">{formatTime(e.createdAt)}</time> {describeAction(e)}
                </li>
              ))}
            </ol>
          )}
        </CardBody>
      </Card>
      <div className="attack-tops">
        <TopList title="Top IPs" entries={a.topIps} />
        <TopList title="Top BINs" entries={a.topBins} />
        <TopList title="Top cards" entries={a.topCards} />
      </div>
    </>
  );
}
