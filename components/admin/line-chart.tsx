'use client';

import { useTranslations } from 'next-intl';
import type { CSSProperties } from 'react';

// A small SVG line chart of one series over a time window. The SVG stretches
// to its box (preserveAspectRatio="none", strokes kept at 2 px), so labels
// are HTML around it rather than SVG text, which would stretch too.

export type TPoint = { t: number; v: number };

const W = 600;
const H = 120;
/** A gap this long between samples (a hidden tab pauses polling) breaks the line. */
const GAP_MS = 10_000;

/** 1, 2, 5 × 10^n at or above the peak, so the axis reads in round numbers. */
function niceMax(peak: number): number {
  if (peak <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(peak));
  return ([1, 2, 5, 10].find((step) => step * magnitude >= peak) ?? 10) * magnitude;
}

function paths(points: TPoint[], from: number, span: number, max: number): { line: string; area: string } {
  const x = (t: number) => (((t - from) / span) * W).toFixed(1);
  const y = (v: number) => (H - (v / max) * H).toFixed(1);
  let line = '';
  let area = '';
  let segment: TPoint[] = [];
  const flush = () => {
    if (segment.length === 0) return;
    const d = segment.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t)},${y(p.v)}`).join(' ');
    line += `${d} `;
    area += `${d} L${x(segment.at(-1)!.t)},${H} L${x(segment[0].t)},${H} Z `;
    segment = [];
  };
  points.forEach((p, i) => {
    if (i > 0 && p.t - points[i - 1].t > GAP_MS) flush();
    segment.push(p);
  });
  flush();
  return { line: line.trim(), area: area.trim() };
}

const frame: CSSProperties = { position: 'relative', height: H, paddingLeft: 44 };
const axisLabel: CSSProperties = { position: 'absolute', left: 0, width: 40, textAlign: 'right', fontSize: 11.5, color: 'var(--text-muted)', fontVariantNumeric: 'tabular-nums' };

export function LineChart(props: {
  label: string;
  points: TPoint[];
  from: number;
  to: number;
  color: string;
  format: (v: number) => string;
  testId?: string;
}) {
  const { label, points, from, to, color, format, testId } = props;
  const t = useTranslations('admin.live');
  const span = Math.max(1, to - from);
  const visible = points.filter((p) => p.t >= from);
  const max = niceMax(Math.max(0, ...visible.map((p) => p.v)));
  const { line, area } = paths(visible, from, span, max);
  const latest = visible.at(-1);
  const summary = latest ? t('summary', { label, now: format(latest.v), peak: format(Math.max(...visible.map((p) => p.v))) }) : t('noSamples', { label });

  return (
    <figure style={{ margin: 0, display: 'grid', gap: 6 }} data-testid={testId}>
      <figcaption style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 13 }}>
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontWeight: 600 }}>
          <span aria-hidden style={{ width: 10, height: 3, borderRadius: 2, background: color }} />
          {label}
        </span>
        <span className="muted" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {latest ? format(latest.v) : '—'}
        </span>
      </figcaption>
      <div style={frame}>
        <span style={{ ...axisLabel, top: -7 }}>{format(max)}</span>
        <span style={{ ...axisLabel, top: 53 }}>{format(max / 2)}</span>
        <span style={{ ...axisLabel, top: 113 }}>0</span>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={summary} style={{ display: 'block', width: '100%', height: H, overflow: 'visible' }}>
          {[0, H / 2, H].map((y) => (
            <line key={y} x1={0} x2={W} y1={y} y2={y} stroke="var(--border)" strokeWidth={1} vectorEffect="non-scaling-stroke" />
          ))}
          <path d={area} fill={color} fillOpacity={0.12} stroke="none" />
          <path d={line} fill="none" stroke={color} strokeWidth={2} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
        </svg>
      </div>
    </figure>
  );
}
