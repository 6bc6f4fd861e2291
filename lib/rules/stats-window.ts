import { z } from 'zod';

/** The windows of a rule's performance, in whole hours (the rollups' grain). */
export const RULE_STATS_WINDOWS = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
export type TRuleStatsWindow = keyof typeof RULE_STATS_WINDOWS;
export const RULE_STATS_WINDOW_NAMES = Object.keys(RULE_STATS_WINDOWS) as [TRuleStatsWindow, ...TRuleStatsWindow[]];

export const ZRuleStatsQuerySchema = z.object({
  // The rules page shows a week unless asked otherwise.
  window: z.enum(RULE_STATS_WINDOW_NAMES, { error: 'Must be 24h, 7d or 30d' }).default('7d'),
});

const HOUR_MS = 60 * 60 * 1000;

/**
 * [from, to) in whole hours, ending with the hour that holds `now`: the last
 * 24, 168 or 720 hourly buckets, the current one partial. Whole hours let the
 * rollups answer alone, exactly; the bounds go back in the answer.
 */
export function ruleStatsBounds(window: TRuleStatsWindow, now = new Date()): { from: Date; to: Date } {
  const to = new Date((Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS);
  return { from: new Date(to.getTime() - RULE_STATS_WINDOWS[window] * HOUR_MS), to };
}
