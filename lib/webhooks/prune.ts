import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { WEBHOOK_LOG_DAYS } from './catalog';

const BATCH = 1_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes events older than `keepDays` with their deliveries and attempts
 * (migration 0012, orylo_webhooks_purge), a batch per statement, never one
 * whose delivery is still pending. Returns how many events went.
 */
export async function pruneWebhookLog(options: { db: Executor; keepDays?: number; now?: Date }): Promise<number> {
  const before = new Date((options.now ?? new Date()).getTime() - (options.keepDays ?? WEBHOOK_LOG_DAYS) * DAY_MS).toISOString();
  let total = 0;
  for (;;) {
    const [row] = (await options.db.execute(sql`select orylo_webhooks_purge(${before}::timestamptz, ${BATCH}) as n`)) as unknown as { n: number }[];
    total += Number(row.n);
    if (Number(row.n) < BATCH) return total;
  }
}
