'use client';

import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import { useFormats } from '@/hooks/use-formats';
import type { TFormats } from '@/lib/format';
import type { TAdminMetrics } from './admin-metrics-query';
import { formatBytes, formatMs, formatRate, formatSeconds, type TAdminT } from './format';

type TStat = { id: string; label: string; value: string; sub?: string; tone?: 'block' | 'review' };

function latency(f: TFormats, t: TAdminT, p: TAdminMetrics['sse']['pollDurationMs']): Pick<TStat, 'value' | 'sub'> {
  if (p.count === 0) return { value: '—', sub: t('stats.noSamples') };
  return { value: formatMs(f, p.p95), sub: t('stats.latencySub', { p50: formatMs(f, p.p50), p99: formatMs(f, p.p99), count: p.count }) };
}

function stats(f: TFormats, t: TAdminT, { sse, process }: TAdminMetrics): TStat[] {
  const n = f.number;
  return [
    { id: 'active-connections', label: t('stats.activeConnections'), value: n(sse.activeConnections), sub: t('stats.activeConnectionsSub', { total: sse.totalConnections, resumed: sse.reconnections }) },
    { id: 'connections-today', label: t('stats.connectionsToday'), value: n(sse.totalConnectionsToday), sub: t('stats.connectionsTodaySub') },
    { id: 'avg-duration', label: t('stats.avgDuration'), value: formatSeconds(f, sse.avgConnectionDuration), sub: t('stats.avgDurationSub') },
    { id: 'active-pollers', label: t('stats.activePollers'), value: n(sse.activePollers), sub: t('stats.activePollersSub') },
    {
      id: 'polls-per-second',
      label: t('stats.pollsPerSecond'),
      value: formatRate(f, sse.pollsPerSecond),
      sub: t('stats.pollsPerSecondSub', { polls: sse.polls, failed: sse.pollErrors }),
      tone: sse.pollErrors > 0 ? 'review' : undefined,
    },
    { id: 'poll-p95', label: t('stats.pollP95'), ...latency(f, t, sse.pollDurationMs) },
    { id: 'delivery-p95', label: t('stats.deliveryP95'), ...latency(f, t, sse.deliveryLatencyMs) },
    { id: 'events-sent', label: t('stats.eventsSent'), value: n(sse.eventsSent), sub: t('stats.eventsSentSub') },
    { id: 'rows-sent', label: t('stats.rowsSent'), value: n(sse.rowsSent), sub: t('stats.rowsSentSub') },
    { id: 'cursor-lag', label: t('stats.cursorLag'), value: n(sse.cursorLagXids), sub: t('stats.cursorLagSub') },
    { id: 'errors', label: t('stats.errors'), value: n(sse.errors), tone: sse.errors > 0 ? 'block' : undefined },
    {
      id: 'rss',
      label: t('stats.rss'),
      value: formatBytes(f, t, process.rssBytes),
      sub: t('stats.rssSub', { heap: formatBytes(f, t, process.heapUsedBytes), uptime: formatSeconds(f, process.uptimeSeconds) }),
    },
  ];
}

export function StatCards({ metrics }: { metrics: TAdminMetrics }) {
  const t = useTranslations('admin');
  const f = useFormats();
  return (
    <section className="kpis" aria-label={t('stats.label')}>
      {stats(f, t, metrics).map((stat) => (
        <Card key={stat.id} className={['kpi', stat.tone && `kpi-${stat.tone}`].filter(Boolean).join(' ')}>
          <div className="kpi-label">{stat.label}</div>
          <div className="kpi-value" data-testid={`admin-${stat.id}`}>
            {stat.value}
          </div>
          {stat.sub ? <div className="kpi-sub">{stat.sub}</div> : null}
        </Card>
      ))}
    </section>
  );
}

/** The same grid while the first answer is on its way. */
export function StatCardsSkeleton() {
  const t = useTranslations('admin');
  return (
    <section className="kpis" aria-label={t('stats.label')} aria-busy="true">
      {Array.from({ length: 8 }, (_, i) => (
        <Card key={i} className="kpi">
          <div className="skeleton" style={{ width: '60%' }} />
          <div className="skeleton" style={{ width: 60, height: 28, marginTop: 10 }} />
        </Card>
      ))}
    </section>
  );
}
