'use client';

import { memo } from 'react';
import { Alert } from '@/components/ui/alert';
import { useStaleNotice } from '@/components/shell/realtime-status';
import { Card } from '@/components/ui/card';
import { useAnimatedNumber, useRiseFlash } from '@/hooks/use-animated-number';
import { useStats } from '@/hooks/use-stats';
import { formatNumber } from './format';

type TKpi = {
  id: string;
  label: string;
  value: number | null;
  format: (value: number) => string;
  /** Decimals shown while counting up; the rate has one. */
  decimals?: number;
  sub?: string;
  tone?: 'allow' | 'review' | 'block';
};

const share = (part: number, total: number) => (total > 0 ? `${Math.round((part / total) * 100)}% of today` : '—');
const RATE = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const formatRate = (perMinute: number) => `${RATE.format(perMinute)}/min`;

// Memoised on orgId: the dashboard re-renders with every batch of rows, this does not need to.
export const KpiCards = memo(function KpiCards({ orgId }: { orgId: string }) {
  const stats = useStats(orgId);
  // While the feed is not live the counters may lag: say since when, rather than look current.
  const stale = useStaleNotice(stats.dataUpdatedAt || null);
  if (stats.isError) return <Alert>Could not load the counters: {stats.error.message}</Alert>;

  const s = stats.data;
  const kpis: TKpi[] = [
    { id: 'total', label: 'Today', value: s?.today.total ?? null, format: formatNumber, sub: 'transactions since 00:00 UTC' },
    { id: 'allowed', label: 'Allowed', value: s?.today.allowed ?? null, format: formatNumber, sub: s && share(s.today.allowed, s.today.total), tone: 'allow' },
    { id: 'review', label: 'Review', value: s?.today.review ?? null, format: formatNumber, sub: s && share(s.today.review, s.today.total), tone: 'review' },
    { id: 'blocked', label: 'Blocked', value: s?.today.blocked ?? null, format: formatNumber, sub: s && share(s.today.blocked, s.today.total), tone: 'block' },
    {
      id: 'rate',
      label: 'Last hour',
      value: s?.lastHour.perMinute ?? null,
      format: formatRate,
      decimals: 1,
      sub: s ? `${formatNumber(s.lastHour.total)} transactions, ${formatNumber(s.lastHour.blocked)} blocked` : undefined,
    },
  ];

  return (
    <section className="kpis-block" aria-label="Today's counters" aria-busy={stats.isPending}>
      {stale ? (
        <p className="stale-note" role="status" data-testid="kpi-stale">
          {stale}
        </p>
      ) : null}
      <div className="kpis" data-stale={stale ? 'true' : undefined}>
        {kpis.map((kpi) => (
          <KpiCard key={kpi.id} kpi={kpi} />
        ))}
      </div>
    </section>
  );
});

/** One counter. Only the displayed number moves; it settles on exactly `format(value)`, which the e2e tests read. */
function KpiCard({ kpi }: { kpi: TKpi }) {
  const shown = useAnimatedNumber(kpi.value, { decimals: kpi.decimals });
  const flashing = useRiseFlash(kpi.value);
  const className = ['kpi', kpi.tone && `kpi-${kpi.tone}`, flashing && 'kpi-rise'].filter(Boolean).join(' ');
  return (
    <Card className={className}>
      <div className="kpi-label">{kpi.label}</div>
      <div className="kpi-value" data-testid={`kpi-${kpi.id}`}>
        {shown !== null ? kpi.format(shown) : <span className="skeleton" style={{ display: 'block', width: 60, height: 28 }} />}
      </div>
      {kpi.sub ? <div className="kpi-sub">{kpi.sub}</div> : null}
    </Card>
  );
}
