import { describe, expect, it } from 'vitest';
import { ruleStatsBounds, ZRuleStatsQuerySchema } from './stats-window';

describe('rule stats windows', () => {
  it('are whole hours ending with the hour that holds now', () => {
    const now = new Date('2026-12-01T10:37:16.123Z');
    expect(ruleStatsBounds('24h', now)).toEqual({ from: new Date('2026-11-30T11:00:00Z'), to: new Date('2026-12-01T11:00:00Z') });
    expect(ruleStatsBounds('7d', now).from).toEqual(new Date('2026-11-24T11:00:00Z'));
    expect(ruleStatsBounds('30d', now).from).toEqual(new Date('2026-11-01T11:00:00Z'));
    // On the hour: that hour is the current one.
    expect(ruleStatsBounds('24h', new Date('2026-12-01T10:00:00Z')).to).toEqual(new Date('2026-12-01T11:00:00Z'));
  });

  it('default to the rules page week and refuse anything else', () => {
    expect(ZRuleStatsQuerySchema.parse({})).toEqual({ window: '7d' });
    expect(ZRuleStatsQuerySchema.safeParse({ window: '90d' }).success).toBe(false);
    expect(ZRuleStatsQuerySchema.safeParse({ window: '24H' }).success).toBe(false);
  });
});
