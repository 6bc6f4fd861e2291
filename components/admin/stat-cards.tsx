import { Card } from '@/components/ui/card';
import type { TAdminMetrics } from './admin-metrics-query';
import { formatBytes, formatMs, formatRate, formatSeconds } from './format';

type TStat = { id: string; label: string; value: string; sub?: string; tone?: 'block' | 'review' };

const n = (value: number) => value.toLocaleString();

function latency(p: TAdminMetrics['sse']['pollDurationMs']): Pick<TStat, 'value' | 'sub'> {
  if (p.count === 0) return { value: '—', sub: 'no samples yet' };
  return { value: formatMs(p.p95), sub: `p50 ${formatMs(p.p50)} · p99 ${formatMs(p.p99)} · ${n(p.count)} samples` };
}

function stats({ sse, process }: TAdminMetrics): TStat[] {
  return [
    { id: 'active-connections', label: 'Active connections', value: n(sse.activeConnections), sub: `${n(sse.totalConnections)} since start, ${n(sse.reconnections)} resumed` },
    { id: 'connections-today', label: 'Connections today', value: n(sse.totalConnectionsToday), sub: 'since 00:00 UTC' },
    { id: 'avg-duration', label: 'Avg duration', value: formatSeconds(sse.avgConnectionDuration), sub: 'open and closed streams' },
    { id: 'active-pollers', label: 'Active pollers', value: n(sse.activePollers), sub: 'one per watched organization' },
    { id: 'polls-per-second', label: 'Polls / s', value: formatRate(sse.pollsPerSecond), sub: `last minute · ${n(sse.polls)} polls, ${n(sse.pollErrors)} failed`, tone: sse.pollErrors > 0 ? 'review' : undefined },
    { id: 'poll-p95', label: 'Poll p95', ...latency(sse.pollDurationMs) },
    { id: 'delivery-p95', label: 'Delivery p95', ...latency(sse.deliveryLatencyMs) },
    { id: 'events-sent', label: 'Events sent', value: n(sse.eventsSent), sub: 'SSE events, heartbeats included' },
    { id: 'rows-sent', label: 'Rows sent', value: n(sse.rowsSent), sub: 'detections across all events' },
    { id: 'cursor-lag', label: 'Cursor lag', value: n(sse.cursorLagXids), sub: 'xids held back by open transactions' },
    { id: 'errors', label: 'Stream errors', value: n(sse.errors), tone: sse.errors > 0 ? 'block' : undefined },
    { id: 'rss', label: 'Server RSS', value: formatBytes(process.rssBytes), sub: `heap ${formatBytes(process.heapUsedBytes)} · up ${formatSeconds(process.uptimeSeconds)}` },
  ];
}

export function StatCards({ metrics }: { metrics: TAdminMetrics }) {
  return (
    <section className="kpis" aria-label="Live connection figures">
      {stats(metrics).map((stat) => (
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
  return (
    <section className="kpis" aria-label="Live connection figures" aria-busy="true">
      {Array.from({ length: 8 }, (_, i) => (
        <Card key={i} className="kpi">
          <div className="skeleton" style={{ width: '60%' }} />
          <div className="skeleton" style={{ width: 60, height: 28, marginTop: 10 }} />
        </Card>
      ))}
    </section>
  );
}
