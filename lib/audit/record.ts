import type { Executor } from '@/db/client';
import { auditLog } from '@/db/schema';

export type TAuditEntry = {
  db: Executor;
  orgId: string;
  actor: { id: string; email?: string | null };
  /** e.g. list.create, list.delete, detection.review, rule.update, thresholds.override */
  action: string;
  target: { type: string; id?: string | null };
  ip?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Appends one entry to the org's audit trail, inside the caller's transaction:
 * the action and its record commit together or not at all. The app role may
 * only insert and read audit_log (migration 0003), so entries never change.
 */
export async function recordAudit(entry: TAuditEntry): Promise<void> {
  await entry.db.insert(auditLog).values({
    organizationId: entry.orgId,
    actorId: entry.actor.id,
    actorEmail: entry.actor.email ?? null,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id ?? null,
    ip: entry.ip ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
