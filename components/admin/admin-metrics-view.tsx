'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { adminMetricsQueryOptions } from './admin-metrics-query';
import { LiveCharts } from './live-charts';
import { ReasonsTable } from './reasons-table';
import { StatCards, StatCardsSkeleton } from './stat-cards';
import { useMetricsHistory } from './use-metrics-history';

/** The /admin page body: this instance's live-connection health, polled every 2 s. */
export function AdminMetricsView() {
  const t = useTranslations('admin');
  const f = useFormats();
  const errorText = useErrorText();
  const metrics = useQuery(adminMetricsQueryOptions());
  const samples = useMetricsHistory(metrics.data, metrics.dataUpdatedAt);
  const updated = metrics.data ? f.time(metrics.data.generatedAt) : null;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('heading')}</h1>
          <p className="muted">{t.rich('intro', { code: (chunks) => <code>{chunks}</code> })}</p>
        </div>
        {updated ? (
          <span className="muted" data-testid="admin-updated-at">
            {t('updated', { time: updated })}
          </span>
        ) : null}
      </div>

      {metrics.isError ? (
        <div style={{ display: 'flex', gap: 10, alignItems: 'center', flexWrap: 'wrap' }}>
          <Alert testId="admin-metrics-error">
            {t(metrics.data ? 'stale' : 'loadFailed', { error: errorText(metrics.error) })}
          </Alert>
          <Button size="sm" onClick={() => void metrics.refetch()}>
            {t('tryAgain')}
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
