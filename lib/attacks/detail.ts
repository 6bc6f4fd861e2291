import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { attacks } from '@/db/schema';
import { findAuditEntriesBetween, type TAuditEntryView } from '@/lib/audit/find';
import { AppError } from '@/lib/errors';
import { toAttack, type TAttack } from './schema';

// After the attack: one incident with what the team did about it, and the
// summary the dashboard shows once the war room closes.

/** Actions taken up to this long after an incident ended still belong to it (the blocks and reviews that follow up). */
export const FOLLOW_UP_MS = 10 * 60_000;
/** The dashboard's summary shows the last incident for this long after it ended. */
export const SUMMARY_FOR_MS = 30 * 60_000;
const MAX_ACTIONS = 200;

export type TAttackDetail = { attack: TAttack; actions: TAuditEntryView[] };

/** One incident of the org and its actions (the audit trail from its start to FOLLOW_UP_MS after its end), or a 404. */
export async function getAttackDetailOrThrow(options: { db: Executor; orgId: string; id: string }): Promise<TAttackDetail> {
  const { db, orgId, id } = options;
  const [row] = await db.select().from(attacks).where(and(eq(attacks.organizationId, orgId), eq(attacks.id, id))).limit(1);
  if (!row) throw new AppError('not_found', 'No incident with this id in your organization.');
  const attack = toAttack(row);
  const until = attack.endedAt ? new Date(Date.parse(attack.endedAt) + FOLLOW_UP_MS) : new Date();
  const actions = await findAuditEntriesBetween({ db, orgId, from: new Date(attack.startedAt), to: until, limit: MAX_ACTIONS });
  return { attack, actions };
}

/** The org's newest incident that ended within SUMMARY_FOR_MS, if no incident is open: what the dashboard sums up. */
export async function findRecentlyEndedAttack(options: { db: Executor; orgId: string }): Promise<TAttack | null> {
  const [row] = await options.db
    .select()
    .from(attacks)
    .where(and(eq(attacks.organizationId, options.orgId), eq(attacks.status, 'closed'), sql`${attacks.endedAt} > now() - make_interval(secs => ${SUMMARY_FOR_MS / 1000})`))
    .orderBy(desc(attacks.endedAt))
    .limit(1);
  return row ? toAttack(row) : null;
}
