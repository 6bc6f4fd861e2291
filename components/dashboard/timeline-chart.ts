import type { useTranslations } from 'next-intl';
import type { TTimelineBucket } from '@/lib/detections/timeline';

// Pure maths and words for the dashboard's decisions chart, kept out of the
// component so they are unit-tested on their own. Types only from lib/: the
// browser bundles this file.

export type TDecisionKey = 'allow' | 'review' | 'block';
export type TTimelineSummary = {
  total: number;
  allow: number;
  review: number;
  block: number;
  /** The busiest minute; the most recent one on a tie. Null when the hour is empty. */
  peak: { count: number; minute: string } | null;
};
export type TBarSegment = { decision: TDecisionKey; count: number; y: number; height: number };

/** Bottom to top: the calm majority at the base, blocks on top where the eye lands. */
export const STACK_ORDER: readonly TDecisionKey[] = ['allow', 'review', 'block'];

export const bucketTotal = (b: TTimelineBucket) => b.allow + b.review + b.block;

export function summariseTimeline(timeline: TTimelineBucket[]): TTimelineSummary {
  const s: TTimelineSummary = { total: 0, allow: 0, review: 0, block: 0, peak: null };
  for (const b of timeline) {
    const n = bucketTotal(b);
    s.total += n;
    s.allow += b.allow;
    s.review += b.review;
    s.block += b.block;
    if (n > 0 && (!s.peak || n >= s.peak.count)) s.peak = { count: n, minute: b.minute };
  }
  return s;
}

/** The chart's words ("dashboard.chart" of the catalogs), in the reader's language. */
export type TChartWords = ReturnType<typeof useTranslations<'dashboard.chart'>>;
export type TChartRange = '1h' | '24h' | '7d' | '30d';

/** The chart's accessible name, e.g. "Last hour: 120 detections, 30 blocked, 2 in review; peak 14 per minute at 14:02". */
export function describeTimeline(timeline: TTimelineBucket[], formatMinute: (iso: string) => string, range: TChartRange, t: TChartWords): string {
  const s = summariseTimeline(timeline);
  const period = t('period', { range });
  if (!s.peak) return t('describeEmpty', { period });
  return t('describe', { period, total: s.total, blocked: s.block, review: s.review, peak: s.peak.count, per: t('per', { range }), time: formatMinute(s.peak.minute) });
}

/** The y axis top: the smallest 1, 2 or 5 × 10^k that holds `max`, so the label reads as a round number. */
export function niceMax(max: number): number {
  if (!(max > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** SVG rectangles of one stacked bar in a plot `height` tall (y grows downwards); empty decisions are left out. */
export function stackBar(bucket: TTimelineBucket, yMax: number, height: number): TBarSegment[] {
  const segments: TBarSegment[] = [];
  let base = height;
  for (const decision of STACK_ORDER) {
    const count = bucket[decision];
    if (count <= 0) continue;
    const h = (count / yMax) * height;
    base -= h;
    segments.push({ decision, count, y: base, height: h });
  }
  return segments;
}

/** Indexes of the buckets worth a time label: local minutes divisible by `every` (4 labels an hour at 15). */
export function labelIndices(timeline: TTimelineBucket[], every = 15, minuteOf = (iso: string) => new Date(iso).getMinutes()): number[] {
  return timeline.flatMap((b, i) => (minuteOf(b.minute) % every === 0 ? [i] : []));
}
