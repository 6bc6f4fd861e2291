import { z } from 'zod';
import type { TDecision, TRiskLevel } from '@/lib/detections/schema';
import type { TPermission } from '@/lib/orgs/permissions';

// Score → decision and risk level, by the org's thresholds. No database
// imports: the settings page uses the schemas and types too.

/** The scores from which a payment is reviewed and blocked; `temporary`: an override (the war room's) is what applies. */
export type TThresholds = { review: number; block: number; temporary?: boolean };

/**
 * GET /api/v1/settings/thresholds: the org's thresholds, the override while it
 * lasts, and how long a REVIEW item may wait before the queue flags it.
 */
export type TThresholdsView = TThresholds & { override: (TThresholds & { until: string }) | null; reviewTargetMinutes: number };

export const DEFAULT_REVIEW_TARGET_MINUTES = 30;
/** A week: beyond that a target flags nothing. */
export const REVIEW_TARGET_MAX_MINUTES = 10_080;

export const DEFAULT_THRESHOLDS: TThresholds = { review: 50, block: 80 };

export const OVERRIDE_MAX_MINUTES = 1440;

const point = (what: string) =>
  z
    .number({ error: `Required: the ${what} threshold, a whole score from 1 to 100` })
    .int('Must be a whole number')
    .min(1, 'Must be at least 1')
    .max(100, 'At most 100');

const ordered = <T extends TThresholds>(v: T) => v.review < v.block;
const ORDER_MESSAGE = { message: 'The review threshold must be below the block threshold', path: ['review'] };

export const ZThresholdsSchema = z
  .strictObject({
    review: point('review'),
    block: point('block'),
    // Optional: clients that predate it keep the org's target as it is.
    reviewTargetMinutes: z
      .number({ error: `Must be how long a payment may wait for review, 1 to ${REVIEW_TARGET_MAX_MINUTES} minutes` })
      .int('Must be a whole number of minutes')
      .min(1, 'At least 1 minute')
      .max(REVIEW_TARGET_MAX_MINUTES, `At most ${REVIEW_TARGET_MAX_MINUTES} minutes (a week)`)
      .optional(),
  })
  .refine(ordered, ORDER_MESSAGE);

export const ZThresholdsOverrideSchema = z
  .strictObject({
    review: point('review'),
    block: point('block'),
    minutes: z
      .number({ error: `Required: how long the override lasts, 1 to ${OVERRIDE_MAX_MINUTES} minutes` })
      .int('Must be a whole number of minutes')
      .min(1, 'At least 1 minute')
      .max(OVERRIDE_MAX_MINUTES, `At most ${OVERRIDE_MAX_MINUTES} minutes (24 hours)`),
  })
  .refine(ordered, ORDER_MESSAGE);

export function decisionFor(score: number, t: TThresholds): TDecision {
  if (score >= t.block) return 'BLOCK';
  if (score >= t.review) return 'REVIEW';
  return 'ALLOW';
}

/** Critical from the block threshold, high from the review threshold, medium from half of it. */
export function riskLevelFor(score: number, t: TThresholds): TRiskLevel {
  if (score >= t.block) return 'critical';
  if (score >= t.review) return 'high';
  if (score > 0 && score >= t.review / 2) return 'medium';
  return 'low';
}

/**
 * True when `next` protects at least as much as what applies now (the
 * override in force, else the standing thresholds): neither score to review
 * nor score to block goes up. Lower thresholds catch more payments.
 */
export function tightens(current: TThresholdsView, next: TThresholds): boolean {
  const applied = current.override ?? current;
  return next.review <= applied.review && next.block <= applied.block;
}

/** What setting these temporary thresholds takes: tightening is an analyst's, anything looser an admin's. */
export function overridePermission(current: TThresholdsView, next: TThresholds): TPermission {
  return tightens(current, next) ? 'thresholds.tighten' : 'thresholds.change';
}
