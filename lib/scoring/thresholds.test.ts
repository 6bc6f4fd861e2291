import { describe, expect, it } from 'vitest';
import { decisionFor, overridePermission, riskLevelFor, tightens, ZThresholdsOverrideSchema, ZThresholdsSchema } from './thresholds';

describe('thresholds', () => {
  it('maps a score to a decision and a risk level consistent with it', () => {
    const t = { review: 50, block: 80 };
    expect([0, 24, 25, 49, 50, 79, 80, 100].map((s) => [decisionFor(s, t), riskLevelFor(s, t)])).toEqual([
      ['ALLOW', 'low'], ['ALLOW', 'low'], ['ALLOW', 'medium'], ['ALLOW', 'medium'],
      ['REVIEW', 'high'], ['REVIEW', 'high'], ['BLOCK', 'critical'], ['BLOCK', 'critical'],
    ]);
  });

  it('accepts 0 < review < block ≤ 100 and names the field otherwise', () => {
    expect(ZThresholdsSchema.safeParse({ review: 40, block: 70 }).success).toBe(true);
    for (const [body, field] of [
      [{ review: 0, block: 70 }, 'review'],
      [{ review: 40, block: 101 }, 'block'],
      [{ review: 70, block: 70 }, 'review'],
      [{ review: 40.5, block: 70 }, 'review'],
      [{ review: 40 }, 'block'],
    ] as const) {
      const r = ZThresholdsSchema.safeParse(body);
      expect(r.success, JSON.stringify(body)).toBe(false);
      expect(r.error?.issues[0].path).toEqual([field]);
    }
    expect(ZThresholdsOverrideSchema.safeParse({ review: 20, block: 40, minutes: 1441 }).error?.issues[0].path).toEqual(['minutes']);
    expect(ZThresholdsOverrideSchema.safeParse({ review: 20, block: 40, minutes: 60 }).success).toBe(true);
  });
});

describe('tightens', () => {
  const standing = { review: 50, block: 80, override: null, reviewTargetMinutes: 30 };
  it('is true when neither threshold rises against what applies now', () => {
    expect(tightens(standing, { review: 30, block: 60 })).toBe(true);
    expect(tightens(standing, { review: 50, block: 80 })).toBe(true);
    expect(tightens(standing, { review: 40, block: 90 })).toBe(false);
    expect(tightens(standing, { review: 99, block: 100 })).toBe(false);
  });
  it('compares with the override in force, not the standing thresholds', () => {
    const during = { ...standing, override: { review: 30, block: 60, until: '2030-01-01T00:00:00Z' } };
    expect(tightens(during, { review: 40, block: 70 })).toBe(false);
    expect(tightens(during, { review: 20, block: 60 })).toBe(true);
  });
});

describe('overridePermission', () => {
  const standing = { review: 50, block: 80, override: null, reviewTargetMinutes: 30 };
  it('asks an analyst\'s permission to tighten, an admin\'s for anything looser', () => {
    expect(overridePermission(standing, { review: 30, block: 60 })).toBe('thresholds.tighten');
    expect(overridePermission(standing, { review: 30, block: 90 })).toBe('thresholds.change');
    const during = { ...standing, override: { review: 20, block: 40, until: '2030-01-01T00:00:00Z' } };
    expect(overridePermission(during, { review: 30, block: 60 })).toBe('thresholds.change');
  });
});
