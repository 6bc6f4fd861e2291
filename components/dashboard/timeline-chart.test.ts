import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '@/messages';
import { describeTimeline as describe_, labelIndices, niceMax, stackBar, summariseTimeline } from './timeline-chart';
import type { TTimelineBucket } from '@/lib/detections/timeline';

const START = Date.parse('2026-01-01T14:00:00.000Z');
/** 60 empty minutes from 14:00 UTC, with some filled in. */
function timeline(filled: Record<number, Partial<TTimelineBucket>> = {}): TTimelineBucket[] {
  return Array.from({ length: 60 }, (_, i) => ({
    minute: new Date(START + i * 60_000).toISOString(),
    allow: 0,
    review: 0,
    block: 0,
    ...filled[i],
  }));
}
const utcHHMM = (iso: string) => iso.slice(11, 16);
const words = (locale: 'en' | 'fr') => createTranslator({ locale, messages: messagesFor(locale), namespace: 'dashboard.chart' });
const describeTimeline = (t: TTimelineBucket[], format: (iso: string) => string, locale: 'en' | 'fr' = 'en') => describe_(t, format, '1h', words(locale));

describe('summariseTimeline / describeTimeline', () => {
  it('adds up the hour and finds the busiest minute', () => {
    const t = timeline({ 2: { allow: 10, review: 1, block: 3 }, 30: { allow: 5 }, 59: { block: 1 } });
    expect(summariseTimeline(t)).toEqual({ total: 20, allow: 15, review: 1, block: 4, peak: { count: 14, minute: '2026-01-01T14:02:00.000Z' } });
    expect(describeTimeline(t, utcHHMM)).toBe('Last hour: 20 detections, 4 blocked, 1 in review; peak 14 per minute at 14:02');
    expect(describeTimeline(t, utcHHMM, 'fr')).toBe('Dernière heure\u00a0: 20 détections, 4 bloquées, 1 à examiner\u00a0; pic de 14 par minute à 14:02');
  });

  it('names the most recent minute on a tie, and says "1 detection"', () => {
    expect(summariseTimeline(timeline({ 3: { allow: 2 }, 40: { review: 2 } })).peak?.minute).toBe('2026-01-01T14:40:00.000Z');
    expect(describeTimeline(timeline({ 7: { block: 1 } }), utcHHMM)).toBe('Last hour: 1 detection, 1 blocked, 0 in review; peak 1 per minute at 14:07');
  });

  it('says so when the hour is empty', () => {
    expect(summariseTimeline(timeline()).peak).toBeNull();
    expect(describeTimeline(timeline(), utcHHMM)).toBe('Last hour: no detections');
  });
});

describe('niceMax', () => {
  it('rounds up to 1, 2 or 5 × 10^k and never goes below 1', () => {
    expect([0, 0.4, 1, 2, 3, 7, 10, 11, 14, 20, 21, 50, 51, 999, 1000, 1001].map(niceMax)).toEqual([
      1, 1, 1, 2, 5, 10, 10, 20, 20, 20, 50, 50, 100, 1000, 1000, 2000,
    ]);
  });
});

describe('stackBar', () => {
  it('stacks allow, review, block from the baseline up, in proportion to the y max', () => {
    const b = { minute: '', allow: 5, review: 0, block: 5 };
    expect(stackBar(b, 20, 100)).toEqual([
      { decision: 'allow', count: 5, y: 75, height: 25 },
      { decision: 'block', count: 5, y: 50, height: 25 },
    ]);
  });

  it('fills the plot exactly at the y max and draws nothing for an empty minute', () => {
    const full = stackBar({ minute: '', allow: 1, review: 2, block: 2 }, 5, 180);
    expect(full[full.length - 1].y).toBeCloseTo(0);
    expect(full.reduce((h, s) => h + s.height, 0)).toBeCloseTo(180);
    expect(stackBar({ minute: '', allow: 0, review: 0, block: 0 }, 1, 180)).toEqual([]);
  });
});

describe('labelIndices', () => {
  it('labels the quarter hours of the viewer', () => {
    expect(labelIndices(timeline(), 15, (iso) => new Date(iso).getUTCMinutes())).toEqual([0, 15, 30, 45]);
    // A viewer at UTC+05:45 sees 14:00 UTC as 19:45.
    const nepal = (iso: string) => (new Date(iso).getUTCMinutes() + 45) % 60;
    expect(labelIndices(timeline(), 15, nepal)).toEqual([0, 15, 30, 45]);
    const plus20 = (iso: string) => (new Date(iso).getUTCMinutes() + 20) % 60;
    expect(labelIndices(timeline(), 15, plus20)).toEqual([10, 25, 40, 55]);
  });
});
