'use client';

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

/** Local wall-clock time: the buckets are UTC minutes, the viewer lives somewhere. */
const hhmm = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function barTitle(b: TTimelineBucket, current: boolean): string {
  const n = bucketTotal(b);
  const head = `${hhmm(b.minute)}${current ? ' (so far)' : ''}: ${n.toLocaleString()} detection${n === 1 ? '' : 's'}`;
  return n === 0 ? head : `${head} (${b.allow} allowed, ${b.review} in review, ${b.block} blocked)`;
}

export function DecisionsChart({ orgId }: { orgId: string }) {
  const stats = useStats(orgId);
  const timeline = stats.data?.timeline;
  const summary = timeline ? summariseTimeline(timeline) : null;

  return (
    <Card>
      <CardHeader
        title="Detections per minute, last hour"
        description="Your local time. Hover a bar for its counts."
        actions={
          <ul className="chart-legend" aria-label="Legend">
            {STACK_ORDER.map((d) => (
              <li key={d}>
                <span className={`chart-swatch chart-swatch-${d}`} aria-hidden="true" />
                {LABEL[d]}
                {summary ? <span className="muted"> {summary[d].toLocaleString()}</span> : null}
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
}

function TimelineSvg({ timeline }: { timeline: TTimelineBucket[] }) {
  const yMax = niceMax(Math.max(0, ...timeline.map(bucketTotal)));
  const slot = PLOT_W / timeline.length;
  const barW = slot * 0.72;

  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={describeTimeline(timeline, hhmm)} data-testid="decisions-chart">
      <g transform={`translate(${M.left},${M.top})`}>
        <line className="chart-grid" x1={0} x2={PLOT_W} y1={0} y2={0} />
        <line className="chart-axis" x1={0} x2={PLOT_W} y1={PLOT_H} y2={PLOT_H} />
        <text className="chart-tick" x={-6} y={0} dy="0.35em" textAnchor="end">
          {yMax.toLocaleString()}
        </text>
        <text className="chart-tick" x={-6} y={PLOT_H} dy="0.35em" textAnchor="end">
          0
        </text>
        {timeline.map((b, i) => (
          <g key={b.minute} className="chart-bar" transform={`translate(${i * slot},0)`}>
            <title>{barTitle(b, i === timeline.length - 1)}</title>
            {/* Full-height and transparent: a short or empty bar still shows its tooltip. */}
            <rect className="chart-hit" width={slot} height={PLOT_H} />
            {stackBar(b, yMax, PLOT_H).map((s) => (
              <rect key={s.decision} className={`chart-${s.decision}`} x={(slot - barW) / 2} y={s.y} width={barW} height={s.height} />
            ))}
          </g>
        ))}
        {labelIndices(timeline).map((i) => (
          <text key={i} className="chart-tick" x={i * slot + slot / 2} y={PLOT_H + 15} textAnchor="middle">
            {hhmm(timeline[i].minute)}
          </text>
        ))}
      </g>
    </svg>
  );
}
