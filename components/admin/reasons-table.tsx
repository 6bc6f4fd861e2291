import { Card, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TAdminMetrics } from './admin-metrics-query';

type TRow = { kind: 'rejected' | 'closed'; reason: string; count: number };

function rows(sse: TAdminMetrics['sse']): TRow[] {
  const of = (kind: TRow['kind'], counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([reason, count]) => ({ kind, reason, count }))
      .sort((a, b) => b.count - a.count);
  return [...of('rejected', sse.rejectedConnections), ...of('closed', sse.closedConnections)];
}

/** Why streams were refused (limits, auth) or ended (client left, lifetime, backpressure…). */
export function ReasonsTable({ sse }: { sse: TAdminMetrics['sse'] }) {
  const all = rows(sse);
  return (
    <Card data-testid="admin-reasons">
      <CardHeader title="Rejected and closed streams" description="Counts since this server process started." />
      {all.length === 0 ? (
        <div className="card-body muted">No stream has been rejected or closed yet.</div>
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>Outcome</Th>
              <Th>Reason</Th>
              <Th numeric>Streams</Th>
            </Tr>
          </THead>
          <TBody>
            {all.map((row) => (
              <Tr key={`${row.kind}:${row.reason}`} data-testid="admin-reason-row" data-kind={row.kind} data-reason={row.reason}>
                <Td>
                  <span className={row.kind === 'rejected' ? 'badge badge-block' : 'badge'}>{row.kind === 'rejected' ? 'Rejected' : 'Closed'}</span>
                </Td>
                <Td className="mono">{row.reason}</Td>
                <Td numeric>{row.count.toLocaleString()}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
