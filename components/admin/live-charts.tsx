'use client';

import { useTranslations } from 'next-intl';
import { Card, CardHeader } from '@/components/ui/card';
import { useFormats } from '@/hooks/use-formats';
import { formatRate } from './format';
import { LineChart } from './line-chart';
import { HISTORY_MS, type TSample } from './use-metrics-history';

const MIN_WINDOW_MS = 60_000;

/** Active connections and polls per second over the samples this page has seen (up to 10 minutes). */
export function LiveCharts({ samples }: { samples: TSample[] }) {
  const t = useTranslations('admin.live');
  const f = useFormats();
  const to = samples.at(-1)?.t ?? 0;
  const first = samples[0]?.t ?? to;
  // Grows with the history, from one minute up to HISTORY_MS, so a fresh page is not a dot at the edge.
  const span = Math.min(HISTORY_MS, Math.max(MIN_WINDOW_MS, Math.ceil((to - first) / MIN_WINDOW_MS) * MIN_WINDOW_MS));
  const from = to - span;

  return (
    <Card data-testid="admin-chart" data-samples={samples.length}>
      <CardHeader title={t('title')} description={t('description', { minutes: Math.max(1, Math.round(span / 60_000)) })} />
      <div className="card-body" style={{ display: 'grid', gap: 20, gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))' }}>
        <LineChart
          label={t('connections')}
          points={samples.map((s) => ({ t: s.t, v: s.activeConnections }))}
          from={from}
          to={to}
          color="var(--primary)"
          format={(v) => f.number(Math.round(v))}
          testId="admin-chart-connections"
        />
        <LineChart
          label={t('polls')}
          points={samples.map((s) => ({ t: s.t, v: s.pollsPerSecond }))}
          from={from}
          to={to}
          color="var(--allow)"
          format={(v) => formatRate(f, v)}
          testId="admin-chart-polls"
        />
      </div>
    </Card>
  );
}
