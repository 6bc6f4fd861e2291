import type { TRuleName } from '@/hooks/use-rule-name';
import type { TAuditEntryView } from '@/lib/audit/find';

// An audit entry as a sentence in the reader's language ("ops@shop.example
// blocked IP 192.0.2.183 for 1 h"). Pure: it picks the catalog message
// (audit.sentence.*) and its values; the page renders it with the data parts
// (<d>…</d>: e-mails, names, values people typed) marked translate="no", and
// the tests format it with the real catalogs.

/** A translator of the audit namespace for the tag-free messages (durations, labels). */
export type TSay = (key: string, values?: Record<string, string | number>) => string;

/** A message of audit.sentence.* and its values; `<d>` parts are data. */
export type TSentence = { key: `sentence.${string}`; values: Record<string, string | number> };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45 s", "10 min", "1 h", "1 h 30 min", "7 days", in the reader's language. */
export function duration(ms: number, say: TSay): string {
  const s = Math.max(0, Math.round(ms / SECOND));
  if (s < 60) return say('duration.seconds', { n: s });
  const m = Math.round(s / 60);
  if (m < 60) return say('duration.minutes', { n: m });
  // A few seconds of clock between the request and the database's now() are not worth showing.
  if (m % (24 * 60) === 0) return say('duration.days', { n: m / (24 * 60) });
  if (m % 60 === 0) return say('duration.hours', { n: m / 60 });
  if (m >= 24 * 60) return say('duration.days', { n: Math.round(ms / DAY) });
  return say('duration.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 });
}

type TRecord = Record<string, unknown>;
const record = (value: unknown): TRecord => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as TRecord) : {});
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
/** The reason a person gave, if any (its own argument: a reason may read "none"). */
const reason = (value: unknown) => ({ withReason: text(value).trim() ? 'yes' : 'no', reason: text(value).trim() });

/** How long from `from` to `until`, or null when `until` is missing. */
function between(from: string, until: unknown, say: TSay): string | null {
  if (typeof until !== 'string' || Number.isNaN(Date.parse(until))) return null;
  return duration(Date.parse(until) - Date.parse(from), say);
}

/**
 * The sentence of one entry; an action this page does not know gets a neutral sentence naming it.
 * `ruleName`: a built-in rule's name in the reader's language (hooks/use-rule-name.ts).
 */
export function auditSentence(e: TAuditEntryView, say: TSay, ruleName: TRuleName = (rule) => rule.name): TSentence {
  const who = e.actorEmail ?? say('system');
  const before = record(e.before);
  const after = record(e.after);
  const s = (name: string, values: Record<string, string | number> = {}): TSentence => ({ key: `sentence.${name}`, values: { who, ...values } });
  switch (e.action) {
    case 'list.create': {
      const forHowLong = between(e.createdAt, after.expiresAt, say);
      return s('listCreate', { action: text(after.action), type: text(after.type), value: text(after.value), expires: forHowLong ? 'until' : 'never', duration: forHowLong ?? '', ...reason(after.reason) });
    }
    case 'list.delete':
      return s('listDelete', { action: text(before.action), type: text(before.type), value: text(before.value) });
    case 'detection.review': {
      const review = record(after.review);
      return s('detectionReview', { status: text(review.status), verdict: text(review.verdict) || 'none' });
    }
    case 'detection.outcome':
      return s('detectionOutcome', { type: text(record(after.outcome).type) });
    case 'rule.create':
      return s('ruleCreate', { name: ruleName({ key: text(after.key), name: text(after.name) }) });
    case 'rule.update': {
      const name = ruleName({ key: text(after.key) || text(before.key), name: text(after.name) || text(before.name) });
      // Switching a rule on or off is its own sentence; anything else goes to the diff.
      const changed = RULE_FIELDS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed.length === 1 && changed[0] === 'enabled') return s('ruleToggle', { name, enabled: String(after.enabled === true) });
      return s('ruleUpdate', { name });
    }
    case 'rule_snooze.create':
      return s('snoozeCreate', {
        rule: ruleName({ key: text(after.ruleKey), name: text(after.ruleName) }),
        type: text(after.entityType),
        value: text(after.entityValue),
        duration: between(text(after.createdAt) || e.createdAt, after.expiresAt, say) ?? '',
        ...reason(after.reason),
      });
    case 'rule_snooze.end':
      return s('snoozeEnd', { rule: ruleName({ key: text(after.ruleKey), name: text(after.ruleName) }), type: text(after.entityType), value: text(after.entityValue) });
    case 'thresholds.update':
      return s('thresholdsUpdate', { review: text(after.review), block: text(after.block) });
    case 'thresholds.override': {
      const o = record(after.override);
      return s('thresholdsOverride', { review: text(o.review), block: text(o.block), duration: between(e.createdAt, o.until, say) ?? '' });
    }
    case 'thresholds.override_end':
      return s('thresholdsOverrideEnd');
    case 'team.invite':
      return s('teamInvite', { email: text(after.email), role: text(after.role) });
    case 'team.invite_resend':
      return s('teamInviteResend', { email: text(after.email) });
    case 'team.role_change':
      return s('teamRoleChange', { before: text(before.role), after: text(after.role) });
    case 'team.remove':
      return s('teamRemove', { role: text(before.role) });
    case 'team.revoke':
      return s('teamRevoke', { email: text(before.email) });
    case 'team.join':
      return s('teamJoin', { role: text(after.role) });
    case 'team.decline':
      return s('teamDecline');
    case 'team.leave':
      return s('teamLeave');
    case 'view.create':
      return s('viewCreate', { name: text(after.name), shared: String(after.shared === true) });
    case 'view.delete':
      return s('viewDelete', { name: text(before.name) });
    case 'stripe.secret.set':
      return s('stripeSet');
    case 'stripe.secret.replace':
      return s('stripeReplace');
    case 'stripe.secret.remove':
      return s('stripeRemove');
    case 'webhook.create':
      return s('webhookCreate', { url: text(after.url) });
    case 'webhook.update':
      return s('webhookUpdate', { url: text(after.url) || text(before.url) });
    case 'webhook.delete':
      return s('webhookDelete', { url: text(before.url) });
    case 'webhook.rotate_secret': {
      const overlap = typeof after.overlapSeconds === 'number' && after.overlapSeconds > 0 ? duration(after.overlapSeconds * SECOND, say) : null;
      return s('webhookRotate', { overlap: overlap ? 'some' : 'none', duration: overlap ?? '' });
    }
    case 'alerts.settings':
      return s('alertsSettings', { minutes: typeof after.reviewBacklogMinutes === 'number' ? after.reviewBacklogMinutes : 0 });
    case 'alert_channel.create':
      return s('alertChannelCreate', { type: text(after.type), target: text(after.target) });
    case 'alert_channel.update':
      return s('alertChannelUpdate', { type: text(after.type) || text(before.type), target: text(after.target) || text(before.target) });
    case 'alert_channel.delete':
      return s('alertChannelDelete', { type: text(before.type), target: text(before.target) });
    default:
      return s('unknown', { action: e.action });
  }
}

/** The fields of a rule a person changes (version and timestamps follow by themselves). */
export const RULE_FIELDS = ['name', 'enabled', 'mode', 'action', 'scoreDelta', 'feature', 'operator', 'threshold', 'windowSeconds', 'condition'] as const;

/** The filter's name of an action ("list.create" → audit.action.list_create), or null for one this page does not know. */
export const actionKey = (action: string) => `action.${action.replaceAll('.', '_')}`;
