import type { TAttack } from '@/lib/attacks/schema';
import type { TAuditEntryView } from '@/lib/audit/find';

// Incidents in words a fraud team reads: durations, blocked shares, and what
// each person did ("ops@shop.example blocked IP 192.0.2.183 for 1 h").

const numbers = new Intl.NumberFormat('en-US');

export const formatCount = (n: number) => numbers.format(n);

/** "12 min", "1 h 05 min", "45 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function attackDurationMs(a: Pick<TAttack, 'startedAt' | 'endedAt' | 'lastAttemptAt' | 'status'>, now = Date.now()): number {
  const end = a.endedAt ? Date.parse(a.lastAttemptAt) : now;
  return end - Date.parse(a.startedAt);
}

/** Blocked by Orylo, as a whole percentage of the incident's attempts. */
export const blockedShare = (a: Pick<TAttack, 'attempts' | 'blocked'>) => (a.attempts ? Math.round((a.blocked / a.attempts) * 100) : 0);

const TYPE_LABEL: Record<string, string> = { ip: 'IP', card_bin: 'BIN', card_fingerprint: 'card', email: 'e-mail', device_id: 'device', customer_id: 'customer' };

type TListAfter = { type?: string; value?: string; action?: string; expiresAt?: string | null };
type TSnoozeAfter = { ruleName?: string; entityType?: string; entityValue?: string };
type TThresholdAfter = { review?: number; block?: number; override?: { review: number; block: number; until: string } | null };

function forHowLong(createdAt: string, expiresAt: string | null | undefined): string {
  if (!expiresAt) return ' for good';
  return ` for ${formatDuration(Date.parse(expiresAt) - Date.parse(createdAt))}`;
}

/** One audit entry as a sentence; the actor first. */
export function describeAction(e: TAuditEntryView): string {
  const who = e.actorEmail ?? 'Orylo';
  const after = (e.after ?? {}) as TListAfter & TThresholdAfter;
  switch (e.action) {
    case 'list.create': {
      const what = `${TYPE_LABEL[after.type ?? ''] ?? after.type} ${after.value}`;
      return after.action === 'allow' ? `${who} allowed ${what}${forHowLong(e.createdAt, after.expiresAt)}` : `${who} blocked ${what}${forHowLong(e.createdAt, after.expiresAt)}`;
    }
    case 'list.delete':
      return `${who} removed a list entry`;
    case 'thresholds.override': {
      const o = after.override;
      return o ? `${who} set temporary thresholds (review ≥ ${o.review}, block ≥ ${o.block})${forHowLong(e.createdAt, o.until)}` : `${who} set temporary thresholds`;
    }
    case 'thresholds.override_end':
      return `${who} ended the temporary thresholds`;
    case 'thresholds.update':
      return `${who} changed the thresholds (review ≥ ${after.review}, block ≥ ${after.block})`;
    case 'detection.review':
      return `${who} reviewed a payment`;
    case 'rule_snooze.create':
    case 'rule_snooze.end': {
      const snooze = after as TSnoozeAfter;
      const what = `“${snooze.ruleName}” for ${TYPE_LABEL[snooze.entityType ?? ''] ?? snooze.entityType} ${snooze.entityValue}`;
      return e.action === 'rule_snooze.end' ? `${who} ended the snooze of ${what}` : `${who} snoozed ${what}${forHowLong(e.createdAt, after.expiresAt)}`;
    }
    default:
      return `${who}: ${e.action}`;
  }
}

/** "3 IPs blocked by ops@shop.example" for the summary: who blocked how many of what. */
export function blocksSummary(actions: TAuditEntryView[]): string | null {
  const counts = new Map<string, { type: string; n: number; who: Set<string> }>();
  for (const e of actions) {
    const after = (e.after ?? {}) as TListAfter;
    if (e.action !== 'list.create' || after.action !== 'block' || !after.type) continue;
    const entry = counts.get(after.type) ?? { type: after.type, n: 0, who: new Set<string>() };
    entry.n += 1;
    entry.who.add(e.actorEmail ?? 'Orylo');
    counts.set(after.type, entry);
  }
  if (counts.size === 0) return null;
  return [...counts.values()]
    .map(({ type, n, who }) => {
      const label = TYPE_LABEL[type] ?? type;
      return `${formatCount(n)} ${n === 1 ? label : `${label}s`} blocked by ${[...who].join(', ')}`;
    })
    .join('; ');
}
