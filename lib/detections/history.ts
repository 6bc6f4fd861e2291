import { z } from 'zod';
import type { Executor } from '@/db/client';
import { fillBuckets, readCounts, type TGrain } from '@/lib/rollups';
import type { TTimelineBucket } from './timeline';

/** The dashboard's longer views: each a fixed number of bars, read from the rollups whatever the volume. */
export const HISTORY_RANGES = {
  '24h': { grain: 'minute', stepSeconds: 15 * 60, spanSeconds: 24 * 3600 },
  '7d': { grain: 'hour', stepSeconds: 3600, spanSeconds: 7 * 86_400 },
  '30d': { grain: 'hour', stepSeconds: 4 * 3600, spanSeconds: 30 * 86_400 },
} as const satisfies Record<string, { grain: TGrain; stepSeconds: number; spanSeconds: number }>;

export type THistoryRange = keyof typeof HISTORY_RANGES;

export const ZHistoryQuerySchema = z.object({
  range: z.enum(Object.keys(HISTORY_RANGES) as [THistoryRange, ...THistoryRange[]], { error: 'Must be 24h, 7d or 30d' }),
});

export type THistory = {
  range: THistoryRange;
  stepSeconds: number;
  /** Oldest first; the last bucket holds now and is partial. `minute` is the bucket's start. */
  buckets: TTimelineBucket[];
  generatedAt: string;
};

/** Detections by decision over the last 24 h (per 15 min), 7 d (per hour) or 30 d (per 4 h). */
export async function getDecisionHistory(options: { db: Executor; orgId: string; range: THistoryRange; now?: Date }): Promise<THistory> {
  const { grain, stepSeconds, spanSeconds } = HISTORY_RANGES[options.range];
  const now = options.now ?? new Date();
  const stepMs = stepSeconds * 1000;
  const to = new Date(Math.floor(now.getTime() / stepMs) * stepMs + stepMs);
  const from = new Date(to.getTime() - spanSeconds * 1000);
  const counts = await readCounts({ db: options.db, orgId: options.orgId, grain, stepSeconds, from, to });
  return {
    range: options.range,
    stepSeconds,
    buckets: fillBuckets(counts, from, to, stepSeconds).map((b) => ({ minute: b.start, allow: b.allow, review: b.review, block: b.block })),
    generatedAt: now.toISOString(),
  };
}
