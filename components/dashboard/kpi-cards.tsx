'use client';

import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { useStats } from '@/hooks/use-stats';
import { formatNumber } from './format';

type TKpi = { id: string; label: string; value: string | null; sub?: string; tone?: 'allow' | 'review' | 'block' };

const share = (part: number, total: number) => (total > 0 ? `${Math.round((part / total) * 100)}% of today` : '—');

export function KpiCards({ orgId }: { orgId: string }) {
  const stats = useStats(orgId);
  if (stats.isError) return <Alert>Could not load the counters: {stats.error.message}</Alert>;

  const s = stats.data;
  const kpis: TKpi[] = [
    { id: 'total', label: 'Today', value: s ? formatNumber(s.today.total) : null, sub: 'transactions since 00:00 UTC' },
    { id: 'allowed', label: 'Allowed', value: s ? formatNumber(s.today.allowed) : null, sub: s && share(s.today.allowed, s.today.total), tone: 'allow' },
    { id: 'review', label: 'Review', value: s ? formatNumber(s.today.review) : null, sub: s && share(s.today.review, s.today.total), tone: 'review' },
    { id: 'blocked', label: 'Blocked', value: s ? formatNumber(s.today.blocked) : null, sub: s && share(s.today.blocked, s.today.total), tone: 'block' },
    {
      id: 'rate',
      label: 'Last hour',
      value: s ? `${s.lastHour.perMinute.toLocaleString()}/min` : null,
      sub: s ? `${formatNumber(s.lastHour.total)} transactions, ${formatNumber(s.lastHour.blocked)} blocked` : undefined,
    },
  ];

  return (
    <section className="kpis" aria-label="Today's counters" aria-busy={stats.isPending}>
      {kpis.map((kpi) => (
        <Card key={kpi.id} className={['kpi', kpi.tone && `kpi-${kpi.tone}`].filter(Boolean).join(' ')}>
          <div className="kpi-label">{kpi.label}</div>
          <div className="kpi-value" data-testid={`kpi-${kpi.id}`}>
            {kpi.value ?? <span className="skeleton" style={{ display: 'block', width: 60, height: 28 }} />}
          </div>
          {kpi.sub ? <div className="kpi-sub">{kpi.sub}</div> : null}
        </Card>
      ))}
    </section>
  );
}
