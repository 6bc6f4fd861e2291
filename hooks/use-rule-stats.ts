'use client';

import { useQuery } from '@tanstack/react-query';
import type { TRuleStatsWindow } from '@/lib/rules/stats-window';
import { ruleStatsQueryOptions } from './query-options';

/** A rule's fires, reviews and label precision over 24 h, 7 d or 30 d (GET /api/v1/rules/:id/stats). */
export function useRuleStats(orgId: string, ruleId: string, window: TRuleStatsWindow) {
  return useQuery(ruleStatsQueryOptions(orgId, ruleId, window));
}
