'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { memo, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { historyQueryOptions } from '@/hooks/query-options';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { useStats } from '@/hooks/use-stats';
import type { THistoryRange } from '@/lib/detections/history';
import type { TTimelineBucket } from '@/lib/detections/timeline';
import { bucketTotal, describeTimeline, labelIndices, niceMax, stackBar, STACK_ORDER, summariseTimeline } from './timeline-chart';

// Stacked bars in plain SVG: 60 to 180 bars do not need a chart library.
// The viewBox scales to the card's width; the colours are the decision tokens.

// Wide and short: at a typical card width of 1,100–1,200 px the labels render near their CSS size.
const W = 1200;
const H = 220;
const M = { top: 10, right: 4, bottom: 22, left: 34 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

type TRange = '1h' | THistoryRange;
type TTimeFormat = (iso: string) => string;

// Made once per language: 60 bars and their labels are formatted on every
// refresh (every 2 s under attack), and toLocaleTimeString with options
// builds a formatter per call. Local wall-clock time: the buckets are UTC
// minutes, the viewer lives somewhere.
function useTimeFormats(): { hhmm: TTimeFormat; dayHour: TTimeFormat; day: TTimeFormat } {
  const locale = useLocale();
  return useMemo(() => {
    const minute = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const dayHour = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' });
    return { hhmm: (iso) => minute.format(new Date(iso)), dayHour: (iso) => dayHour.format(new Date(iso)), day: (iso) => day.format(new Date(iso)) };
  }, [locale]);
}

/** Each view: how a bar and an axis label read, and which bars get a label (its words are the catalog's, by range). */
type TView = { bar: TTimeFormat; axis: TTimeFormat; labels: (t: TTimelineBucket[]) => number[] };
const RANGES: readonly TRange[] = ['1h', '24h', '7d', '30d'];

function useViews(): Record<TRange, TView> {
  const { hhmm, dayHour, day } = useTimeFormats();
  return useMemo(
    () => ({
      '1h': { bar: hhmm, axis: hhmm, labels: (t) => labelIndices(t) },
      '24h': { bar: dayHour, axis: hhmm, labels: (t) => everyNth(t, 12) },
      '7d': { bar: dayHour, axis: day, labels: (t) => everyNth(t, 24) },
      '30d': { bar: dayHour, axis: day, labels: (t) => everyNth(t, 30) },
    }),
    [hhmm, dayHour, day],
  );
}

/** Labels counted back from the newest bar, so the latest stays labelled as time moves. */
const everyNth = (t: TTimelineBucket[], n: number) => t.flatMap((_, i) => ((t.length - 1 - i) % n === 0 ? [i] : []));

// Memoised on orgId: the dashboard re-renders with every batch of rows, this does not need to.
export const DecisionsChart = memo(function DecisionsChart({ orgId }: { orgId: string }) {
  const [range, setRange] = useState<TRange>('1h');
  const stats = useStats(orgId);
  // The longer views come from the rollups, a minute's refresh at most; the last hour stays live with the counters.
  const history = useQuery({ ...historyQueryOptions(orgId, range === '1h' ? '24h' : range), enabled: range !== '1h' });
  const source = range === '1h' ? stats : history;
  const timeline = range === '1h' ? stats.data?.timeline : history.data?.buckets;
  const summary = timeline ? summariseTimeline(timeline) : null;
  const t = useTranslations('dashboard.chart');
  const f = useFormats();
  const errorText = useErrorText();

  return (
    <Card className="offscreen-skip">
      <CardHeader
        title={t('title', { range })}
        description={t('hint')}
        actions={
          <div className="chart-actions">
            <div className="segmented" role="group" aria-label={t('periodLabel')}>
              {RANGES.map((r) => (
                <button key={r} type="button" className="segmented-item" aria-pressed={r === range} onClick={() => setRange(r)}>
                  {t('tab', { range: r })}
                </button>
              ))}
            </div>
            <ul className="chart-legend" aria-label={t('legend')}>
              {STACK_ORDER.map((d) => (
                <li key={d}>
                  <span className={`chart-swatch chart-swatch-${d}`} aria-hidden="true" />
                  {t('decision', { decision: d })}
                  {summary ? <span className="muted"> {f.number(summary[d])}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        }
      />
      <div className="card-body" aria-busy={source.isPending}>
        {source.isError ? (
          <Alert>{t('loadFailed', { error: errorText(source.error) })}</Alert>
        ) : !timeline ? (
          <div className="skeleton chart-skeleton" />
        ) : (
          <TimelineSvg timeline={timeline} range={range} />
        )}
      </div>
    </Card>
  );
});

type TBarProps = { bucket: TTimelineBucket; x: number; slot: number; barW: number; yMax: number; current: boolean; format: TTimeFormat };

/** One bar. A refresh changes the current bucket; the others keep their object and skip rendering. */
const Bar = memo(function Bar({ bucket: b, x, slot, barW, yMax, current, format }: TBarProps) {
  const t = useTranslations('dashboard.chart');
  const n = bucketTotal(b);
  const head = t('bar', { time: format(b.minute), current: current ? 'yes' : 'no', count: n });
  return (
    <g className="chart-bar" transform={`translate(${x},0)`}>
      <title>{n === 0 ? head : t('barSplit', { head, allow: b.allow, review: b.review, block: b.block })}</title>
      {/* Full-height and transparent: a short or empty bar still shows its tooltip. */}
      <rect className="chart-hit" width={slot} height={PLOT_H} />
      {stackBar(b, yMax, PLOT_H).map((s) => (
        <rect key={s.decision} className={`chart-${s.decision}`} x={(slot - barW) / 2} y={s.y} width={barW} height={s.height} />
      ))}
    </g>
  );
});

/** Rendered again only when the timeline changed (React Query keeps its object when a refresh brings the same). */
const TimelineSvg = memo(function TimelineSvg({ timeline, range }: { timeline: TTimelineBucket[]; range: TRange }) {
  const t = useTranslations('dashboard.chart');
  const f = useFormats();
  const view = useViews()[range];
  const description = describeTimeline(timeline, view.bar, range, t);
  const yMax = niceMax(Math.max(0, ...timeline.map(bucketTotal)));
  const slot = PLOT_W / timeline.length;
  const barW = slot * 0.72;

  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description} data-testid="decisions-chart">
      <g transform={`translate(${M.left},${M.top})`}>
        <line className="chart-grid" x1={0} x2={PLOT_W} y1={0} y2={0} />
        <line className="chart-axis" x1={0} x2={PLOT_W} y1={PLOT_H} y2={PLOT_H} />
        <text className="chart-tick" x={-6} y={0} dy="0.35em" textAnchor="end">
          {f.number(yMax)}
        </text>
        <text className="chart-tick" x={-6} y={PLOT_H} dy="0.35em" textAnchor="end">
          0
        </text>
        {timeline.map((b, i) => (
          <Bar key={b.minute} bucket={b} x={i * slot} slot={slot} barW={barW} yMax={yMax} current={i === timeline.length - 1} format={view.bar} />
        ))}
        {view.labels(timeline).map((i) => (
          <text key={i} className="chart-tick" x={i * slot + slot / 2} y={PLOT_H + 15} textAnchor="middle">
            {view.axis(timeline[i].minute)}
          </text>
        ))}
      </g>
    </svg>
  );
});
