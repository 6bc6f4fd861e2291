'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useOrgId } from '@/components/shell/org-context';
import { formatTime } from '@/components/dashboard/format';
import { useAttacks } from '@/hooks/use-attacks';
import { attackDurationMs, blockedShare, formatCount, formatDuration } from './describe';

/** /attacks – the incident history: every card-testing incident, newest first. */
export function AttacksView() {
  const orgId = useOrgId();
  const attacks = useAttacks(orgId);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Incidents</h1>
          <p className="muted">Every card-testing attack Orylo detected, newest first: how long it lasted, how much of it was blocked, and what your team did.</p>
        </div>
      </div>
      <Card>
        <CardHeader title="Card-testing incidents" description="Counts are the attack's own attempts (its IPs, devices and failing BINs), not the shop's ordinary traffic." />
        {attacks.isPending ? (
          <CardBody aria-busy="true">
            <div className="skeleton" />
          </CardBody>
        ) : attacks.isError ? (
          <CardBody>
            <Alert>Could not load the incidents: {attacks.error.message}</Alert>
          </CardBody>
        ) : attacks.data.length === 0 ? (
          <CardBody>
            <p className="muted" data-testid="attacks-empty">
              No attack so far. When one starts, the war room opens on every analyst’s screen and the incident is kept here.
            </p>
          </CardBody>
        ) : (
          <Table data-testid="attacks-table" aria-label="Incidents, newest first">
            <THead>
              <Tr>
                <Th>Started</Th>
                <Th>Lasted</Th>
                <Th>Status</Th>
                <Th>Attempts</Th>
                <Th>Blocked</Th>
                <Th>Top IPs</Th>
                <Th>Top BINs</Th>
              </Tr>
            </THead>
            <TBody>
              {attacks.data.map((a) => (
                <Tr key={a.id} data-testid="attack-row" data-attack-id={a.id}>
                  <Td>
                    <Link href={`/attacks/${a.id}`}>{formatTime(a.startedAt)}</Link>
                  </Td>
                  <Td>{formatDuration(attackDurationMs(a))}</Td>
                  <Td>{a.status === 'open' ? <Badge tone="block">Under way</Badge> : <Badge>Over</Badge>}</Td>
                  <Td className="mono">{formatCount(a.attempts)}</Td>
                  <Td className="mono">{blockedShare(a)} %</Td>
                  <Td className="mono">{a.topIps.slice(0, 3).map((t) => t.value).join(', ') || '—'}</Td>
                  <Td className="mono">{a.topBins.slice(0, 3).map((t) => t.value).join(', ') || '—'}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
