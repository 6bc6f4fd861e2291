import type { useTranslations } from 'next-intl';
import type { TAttack } from '@/lib/attacks/schema';
import type { TAuditEntryView } from '@/lib/audit/find';
import type { TRuleName } from '@/hooks/use-rule-name';

// Incidents in words a fraud team reads: durations, blocked shares, and what
// each person did ("ops@shop.example blocked IP 192.0.2.183 for 1 h"), in the
// reader's language: the sentences are the attacks catalog's `describe.*`.

/** The attacks namespace's translator (useTranslations('attacks'), or getTranslations on the server). */
export type TAttacksT = ReturnType<typeof useTranslations<'attacks'>>;

/** "12 min", "1 h 05 min", "45 s": the units read the same in English and French. */
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

type TListAfter = { type?: string; value?: string; action?: string; expiresAt?: string | null };
type TSnoozeAfter = { ruleKey?: string; ruleName?: string; entityType?: string; entityValue?: string };
type TThresholdAfter = { review?: number; block?: number; override?: { review: number; block: number; until: string } | null };

function forHowLong(t: TAttacksT, createdAt: string, expiresAt: string | null | undefined): string {
  if (!expiresAt) return t('describe.forGood');
  return t('describe.forDuration', { duration: formatDuration(Date.parse(expiresAt) - Date.parse(createdAt)) });
}

/** One audit entry as a sentence; the actor first. */
export function describeAction(t: TAttacksT, e: TAuditEntryView, ruleName: TRuleName = (rule) => rule.name): string {
  const who = e.actorEmail ?? 'Orylo';
  const after = (e.after ?? {}) as TListAfter & TThresholdAfter;
  switch (e.action) {
    case 'list.create': {
      const what = t('describe.what', { type: after.type ?? '', value: after.value ?? '' });
      return t('describe.listCreate', { who, action: after.action === 'allow' ? 'allow' : 'block', what, until: forHowLong(t, e.createdAt, after.expiresAt) });
    }
    case 'list.delete':
      return t('describe.listDelete', { who });
    case 'thresholds.override': {
      const o = after.override;
      return o ? t('describe.override', { who, review: o.review, block: o.block, until: forHowLong(t, e.createdAt, o.until) }) : t('describe.overrideBare', { who });
    }
    case 'thresholds.override_end':
      return t('describe.overrideEnd', { who });
    case 'thresholds.update':
      return t('describe.thresholdsUpdate', { who, review: after.review ?? 0, block: after.block ?? 0 });
    case 'detection.review':
      return t('describe.review', { who });
    case 'rule_snooze.create':
    case 'rule_snooze.end': {
      const snooze = after as TSnoozeAfter;
      const what = t('describe.what', { type: snooze.entityType ?? '', value: snooze.entityValue ?? '' });
      const rule = ruleName({ key: snooze.ruleKey ?? '', name: snooze.ruleName ?? '' });
      return e.action === 'rule_snooze.end'
        ? t('describe.snoozeEnd', { who, rule, what })
        : t('describe.snoozeCreate', { who, rule, what, until: forHowLong(t, e.createdAt, after.expiresAt) });
    }
    default:
      return t('describe.other', { who, action: e.action });
  }
}

/** "3 IPs blocked by ops@shop.example" for the summary: who blocked how many of what. */
export function blocksSummary(t: TAttacksT, actions: TAuditEntryView[]): string | null {
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
  return [...counts.values()].map(({ type, n, who }) => t('describe.blocks', { type, count: n, who: [...who].join(', ') })).join(t('summary.separator'));
}
