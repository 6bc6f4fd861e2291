'use client';

import { memo } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { useStats } from '@/hooks/use-stats';
import type { TTimelineBucket } from '@/lib/detections/timeline';
import { bucketTotal, describeTimeline, labelIndices, niceMax, stackBar, STACK_ORDER, summariseTimeline } from './timeline-chart';

// A stacked bar per minute in plain SVG: 60 bars do not need a chart library.
// The viewBox scales to the card's width; the colours are the decision tokens.

// Wide and short: at a typical card width of 1,100–1,200 px the labels render near their CSS size.
const W = 1200;
const H = 220;
const M = { top: 10, right: 4, bottom: 22, left: 34 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

const LABEL = { allow: 'Allow', review: 'Review', block: 'Block' } as const;

// Made once: 60 bars and their labels are formatted on every refresh (every
// 2 s under attack), and toLocaleTimeString with options builds a formatter per call.
const MINUTE = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const COUNT = new Intl.NumberFormat();

/** Local wall-clock time: the buckets are UTC minutes, the viewer lives somewhere. */
const hhmm = (iso: string) => MINUTE.format(new Date(iso));

function barTitle(b: TTimelineBucket, current: boolean): string {
  const n = bucketTotal(b);
  const head = `${hhmm(b.minute)}${current ? ' (so far)' : ''}: ${COUNT.format(n)} detection${n === 1 ? '' : 's'}`;
  return n === 0 ? head : `${head} (${b.allow} allowed, ${b.review} in review, ${b.block} blocked)`;
}

// Memoised on orgId: the dashboard re-renders with every batch of rows, this does not need to.
export const DecisionsChart = memo(function DecisionsChart({ orgId }: { orgId: string }) {
  const stats = useStats(orgId);
  const timeline = stats.data?.timeline;
  const summary = timeline ? summariseTimeline(timeline) : null;

  return (
    <Card className="offscreen-skip">
      <CardHeader
        title="Detections per minute, last hour"
        description="Your local time. Hover a bar for its counts."
        actions={
          <ul className="chart-legend" aria-label="Legend">
            {STACK_ORDER.map((d) => (
              <li key={d}>
                <span className={`chart-swatch chart-swatch-${d}`} aria-hidden="true" />
                {LABEL[d]}
                {summary ? <span className="muted"> {COUNT.format(summary[d])}</span> : null}
              </li>
            ))}
          </ul>
        }
      />
      <div className="card-body" aria-busy={stats.isPending}>
        {stats.isError ? (
          <Alert>Could not load the chart: {stats.error.message}</Alert>
        ) : !timeline ? (
          <div className="skeleton chart-skeleton" />
        ) : (
          <TimelineSvg timeline={timeline} />
        )}
      </div>
    </Card>
  );
});

type TBarProps = { bucket: TTimelineBucket; x: number; slot: number; barW: number; yMax: number; current: boolean };

/** One minute's bar. A refresh changes the current minute's bucket; the other 59 keep their object and skip rendering. */
const Bar = memo(function Bar({ bucket: b, x, slot, barW, yMax, current }: TBarProps) {
  return (
    <g className="chart-bar" transform={`translate(${x},0)`}>
      <title>{barTitle(b, current)}</title>
      {/* Full-height and transparent: a short or empty bar still shows its tooltip. */}
      <rect className="chart-hit" width={slot} height={PLOT_H} />
      {stackBar(b, yMax, PLOT_H).map((s) => (
        <rect key={s.decision} className={`chart-${s.decision}`} x={(slot - barW) / 2} y={s.y} width={barW} height={s.height} />
      ))}
    </g>
  );
});

/** Rendered again only when the timeline changed (React Query keeps its object when a refresh brings the same). */
const TimelineSvg = memo(function TimelineSvg({ timeline }: { timeline: TTimelineBucket[] }) {
  const yMax = niceMax(Math.max(0, ...timeline.map(bucketTotal)));
  const slot = PLOT_W / timeline.length;
  const barW = slot * 0.72;

  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={describeTimeline(timeline, hhmm)} data-testid="decisions-chart">
      <g transform={`translate(${M.left},${M.top})`}>
        <line className="chart-grid" x1={0} x2={PLOT_W} y1={0} y2={0} />
        <line className="chart-axis" x1={0} x2={PLOT_W} y1={PLOT_H} y2={PLOT_H} />
        <text className="chart-tick" x={-6} y={0} dy="0.35em" textAnchor="end">
          {COUNT.format(yMax)}
        </text>
        <text className="chart-tick" x={-6} y={PLOT_H} dy="0.35em" textAnchor="end">
          0
        </text>
        {timeline.map((b, i) => (
          <Bar key={b.minute} bucket={b} x={i * slot} slot={slot} barW={barW} yMax={yMax} current={i === timeline.length - 1} />
        ))}
        {labelIndices(timeline).map((i) => (
          <text key={i} className="chart-tick" x={i * slot + slot / 2} y={PLOT_H + 15} textAnchor="middle">
            {hhmm(timeline[i].minute)}
          </text>
        ))}
      </g>
    </svg>
  );
});
