'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { adminMetricsQueryOptions } from './admin-metrics-query';
import { LiveCharts } from './live-charts';
import { ReasonsTable } from './reasons-table';
import { StatCards, StatCardsSkeleton } from './stat-cards';
import { useMetricsHistory } from './use-metrics-history';

/** The /admin page body: this instance's live-connection health, polled every 2 s. */
export function AdminMetricsView() {
  const metrics = useQuery(adminMetricsQueryOptions());
  const samples = useMetricsHistory(metrics.data, metrics.dataUpdatedAt);
  const updated = metrics.data ? new Date(metrics.data.generatedAt).toLocaleTimeString() : null;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Platform admin</h1>
          <p className="muted">
            Live streams, pollers and delivery of the server instance answering this page. Each instance counts its own; scrape{' '}
            <code>/api/metrics</code> on every instance for the whole fleet.
          </p>
        </div>
        {updated ? (
          <span className="muted" data-testid="admin-updated-at">
            Updated {updated}
          </span>
        ) : null}
      </div>

      {metrics.isError ? (
        <div style={{ display: 'flex', gap: 10, alignItems: 'center', flexWrap: 'wrap' }}>
          <Alert testId="admin-metrics-error">
            {metrics.data ? 'The figures below are stale: ' : 'Could not load the metrics: '}
            {metrics.error.message}
          </Alert>
          <Button size="sm" onClick={() => void metrics.refetch()}>
            Try again
          </Button>
        </div>
      ) : null}

      {metrics.data ? (
        <>
          <StatCards metrics={metrics.data} />
          <LiveCharts samples={samples} />
          <ReasonsTable sse={metrics.data.sse} />
        </>
      ) : metrics.isPending ? (
        <StatCardsSkeleton />
      ) : null}
    </>
  );
}
