'use client';

import { useTranslations } from 'next-intl';
import { Card, CardHeader } from '@/components/ui/card';
import { useFormats } from '@/hooks/use-formats';
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
  const t = useTranslations('admin.reasons');
  const f = useFormats();
  const all = rows(sse);
  return (
    <Card data-testid="admin-reasons">
      <CardHeader title={t('title')} description={t('description')} />
      {all.length === 0 ? (
        <div className="card-body muted">{t('empty')}</div>
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>{t('outcome')}</Th>
              <Th>{t('reason')}</Th>
              <Th numeric>{t('streams')}</Th>
            </Tr>
          </THead>
          <TBody>
            {all.map((row) => (
              <Tr key={`${row.kind}:${row.reason}`} data-testid="admin-reason-row" data-kind={row.kind} data-reason={row.reason}>
                <Td>
                  <span className={row.kind === 'rejected' ? 'badge badge-block' : 'badge'}>{t(row.kind)}</span>
                </Td>
                {/* The server's reason code, as /api/metrics names it. */}
                <Td className="mono" translate="no">
                  {row.reason}
                </Td>
                <Td numeric>{f.number(row.count)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
