import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { TTransactionInput } from '@/lib/detections/schema';

/** Velocity over the org's recent detections, not counting the attempt being scored. */
export type TVelocitySignals = {
  ipAttempts10m: number;
  ipDistinctCards1h: number;
  cardDeclines24h: number;
  binAttempts10m: number;
};

export const NO_SIGNALS: TVelocitySignals = { ipAttempts10m: 0, ipDistinctCards1h: 0, cardDeclines24h: 0, binAttempts10m: 0 };

/**
 * One round trip, four index-backed counts (detections_org_{ip,card,bin}_idx).
 * Runs inside the request's RLS transaction, and filters by org explicitly too.
 */
export async function loadVelocitySignals(options: { db: Executor; orgId: string; input: TTransactionInput }): Promise<TVelocitySignals> {
  const { db, orgId, input } = options;
  const ip = input.ip ?? null;
  const fingerprint = input.card?.fingerprint ?? null;
  const bin = input.card?.bin ?? null;
  const rows = (await db.execute(sql`
    select
      (select count(*) from detections
        where organization_id = ${orgId} and ${ip}::text is not null and ip = ${ip}
          and created_at > now() - interval '10 minutes')::int as ip_attempts_10m,
      (select count(distinct card_fingerprint) from detections
        where organization_id = ${orgId} and ${ip}::text is not null and ip = ${ip}
          and created_at > now() - interval '1 hour')::int as ip_distinct_cards_1h,
      (select count(*) from detections
        where organization_id = ${orgId} and ${fingerprint}::text is not null and card_fingerprint = ${fingerprint}
          and auth_status = 'declined' and created_at > now() - interval '24 hours')::int as card_declines_24h,
      (select count(*) from detections
        where organization_id = ${orgId} and ${bin}::text is not null and card_bin = ${bin}
          and created_at > now() - interval '10 minutes')::int as bin_attempts_10m
  `)) as unknown as Record<string, number>[];
  const r = rows[0];
  return {
    ipAttempts10m: r.ip_attempts_10m,
    ipDistinctCards1h: r.ip_distinct_cards_1h,
    cardDeclines24h: r.card_declines_24h,
    binAttempts10m: r.bin_attempts_10m,
  };
}
