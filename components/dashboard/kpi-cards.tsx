'use client';

import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { Alert } from '@/components/ui/alert';
import { useStaleNotice } from '@/components/shell/realtime-status';
import { Card } from '@/components/ui/card';
import { useAnimatedNumber, useRiseFlash } from '@/hooks/use-animated-number';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { useStats } from '@/hooks/use-stats';

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

/** A whole percentage: the share of today's total, read at a glance. */
const wholeRatio = (part: number, total: number) => Math.round((part / total) * 100) / 100;

// Memoised on orgId: the dashboard re-renders with every batch of rows, this does not need to.
export const KpiCards = memo(function KpiCards({ orgId }: { orgId: string }) {
  const t = useTranslations('dashboard.kpi');
  const f = useFormats();
  const errorText = useErrorText();
  const stats = useStats(orgId);
  // While the feed is not live the counters may lag: say since when, rather than look current.
  const stale = useStaleNotice(stats.dataUpdatedAt || null);
  if (stats.isError) return <Alert>{t('loadFailed', { error: errorText(stats.error) })}</Alert>;
  const share = (part: number, total: number) => (total > 0 ? t('share', { percent: f.percent(wholeRatio(part, total)) }) : '—');
  const formatRate = (perMinute: number) => t('rate', { rate: f.number(Math.round(perMinute * 10) / 10) });

  const s = stats.data;
  const kpis: TKpi[] = [
    { id: 'total', label: t('today'), value: s?.today.total ?? null, format: f.number, sub: t('todaySub') },
    { id: 'allowed', label: t('allowed'), value: s?.today.allowed ?? null, format: f.number, sub: s && share(s.today.allowed, s.today.total), tone: 'allow' },
    { id: 'review', label: t('review'), value: s?.today.review ?? null, format: f.number, sub: s && share(s.today.review, s.today.total), tone: 'review' },
    { id: 'blocked', label: t('blocked'), value: s?.today.blocked ?? null, format: f.number, sub: s && share(s.today.blocked, s.today.total), tone: 'block' },
    {
      id: 'rate',
      label: t('lastHour'),
      value: s?.lastHour.perMinute ?? null,
      format: formatRate,
      decimals: 1,
      sub: s ? t('lastHourSub', { total: s.lastHour.total, blocked: s.lastHour.blocked }) : undefined,
    },
  ];

  return (
    <section className="kpis-block" aria-label={t('label')} aria-busy={stats.isPending}>
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
