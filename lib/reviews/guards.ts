import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { TDetectionRow } from '@/db/schema';
import { AppError } from '@/lib/errors';

// Checks shared by reviews and claims (kept apart so neither imports the other).

/** "Ada Lovelace (ada@example.com)", or whichever of the two is known. */
export function describeHolder(row: Pick<TDetectionRow, 'claimedBy' | 'claimedByName' | 'claimedByEmail'>): string {
  const { claimedByName: name, claimedByEmail: email } = row;
  if (name && email && name !== email) return `${name} (${email})`;
  return name || email || `user ${row.claimedBy}`;
}

/**
 * 409 naming who holds the item and until when, when another analyst's claim
 * is still running (the database's clock decides). Your own claim, or a lapsed
 * one, is no obstacle.
 */
export async function throwIfClaimedByOther(options: { db: Executor; row: TDetectionRow; userId: string }): Promise<void> {
  const { row } = options;
  if (!row.claimedBy || !row.claimedUntil || row.claimedBy === options.userId) return;
  const [{ held }] = (await options.db.execute(sql`select ${new Date(row.claimedUntil).toISOString()}::timestamptz > now() as held`)) as unknown as { held: boolean }[];
  if (!held) return;
  throw new AppError(
    'conflict',
    `Order ${row.externalId} is claimed by ${describeHolder(row)} until ${new Date(row.claimedUntil).toISOString()}: ask them, or leave it to them until the claim lapses.`,
  );
}

