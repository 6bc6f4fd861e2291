import type { TAuditEntryView } from '@/lib/audit/find';
import type { TFormats } from '@/lib/format';
import { duration, RULE_FIELDS, type TSay } from './sentence';
import { DISPLAY_CURRENCY } from '@/components/rules/labels';

// The "Show changes" of a rule, thresholds, webhook or alert channel change: each field that
// changed, by its name in the reader's language, before → after, each value
// in the form a person reads (windows as durations, scores as numbers,
// decisions as words). Values people typed (a rule's name, a URL) are data;
// technical ones (a feature, a condition) are code.

/** How a value shows: words of the catalog, data (translate="no") or code. */
export type TShown = { text: string; as: 'text' | 'data' | 'code' } | null;
export type TChange = { field: string; before: TShown; after: TShown };

type TRecord = Record<string, unknown>;
const record = (value: unknown): TRecord => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as TRecord) : {});
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const words = (t: string): TShown => ({ text: t, as: 'text' });
const code = (value: unknown): TShown => ({ text: Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value), as: 'code' });

const isAmount = (feature: unknown) => typeof feature === 'string' && (feature === 'amount' || feature.endsWith('.amount_sum'));
const isRatio = (feature: unknown) => typeof feature === 'string' && feature.endsWith('_ratio');

function ruleValue(field: (typeof RULE_FIELDS)[number], value: unknown, rule: TRecord, say: TSay, f: TFormats): TShown {
  if (value === null || value === undefined) return null;
  switch (field) {
    case 'name':
      return { text: String(value), as: 'data' };
    case 'enabled':
      return words(say('diff.enabled', { value: String(value === true) }));
    case 'mode':
      return words(say('diff.mode', { value: String(value) }));
    case 'action':
      return words(say('diff.ruleAction', { value: String(value) }));
    case 'scoreDelta':
      return typeof value === 'number' ? words(say('diff.points', { value })) : code(value);
    case 'windowSeconds':
      return typeof value === 'number' ? words(value === 0 ? say('duration.none') : duration(value * 1000, say)) : code(value);
    case 'threshold':
      if (typeof value !== 'number') return code(value);
      // A rule's amounts are minor units of each payment's own currency: shown as money the way the rules page shows them.
      if (isAmount(rule.feature)) return words(f.money(value, DISPLAY_CURRENCY));
      return words(isRatio(rule.feature) ? f.percent(value) : f.number(value));
    default:
      return code(value);
  }
}

function ruleChanges(before: TRecord, after: TRecord, say: TSay, f: TFormats): TChange[] {
  return RULE_FIELDS.filter((k) => !same(before[k], after[k])).map((k) => ({
    field: say(`field.${k}`),
    before: ruleValue(k, before[k], before, say, f),
    after: ruleValue(k, after[k], after, say, f),
  }));
}

function thresholdChanges(before: TRecord, after: TRecord, say: TSay, f: TFormats): TChange[] {
  const score = (v: unknown): TShown => (typeof v === 'number' ? words(say('diff.scoreFrom', { value: f.number(v) })) : null);
  const minutes = (v: unknown): TShown => (typeof v === 'number' ? words(say('diff.targetMinutes', { value: v })) : null);
  const at = (v: unknown): TShown => (typeof v === 'string' ? words(f.dateTime(v)) : null);
  const ob = record(before.override);
  const oa = record(after.override);
  const fields: [string, unknown, unknown, (v: unknown) => TShown][] = [
    ['review', before.review, after.review, score],
    ['block', before.block, after.block, score],
    ['reviewTargetMinutes', before.reviewTargetMinutes, after.reviewTargetMinutes, minutes],
    ['overrideReview', ob.review, oa.review, score],
    ['overrideBlock', ob.block, oa.block, score],
    ['overrideUntil', ob.until, oa.until, at],
  ];
  return fields.filter(([, b, a]) => !same(b, a)).map(([k, b, a, show]) => ({ field: say(`field.${k}`), before: show(b), after: show(a) }));
}

function webhookChanges(before: TRecord, after: TRecord, say: TSay): TChange[] {
  const show = (k: string, v: unknown): TShown => {
    if (v === null || v === undefined) return k === 'decisions' ? words(say('diff.none')) : null;
    if (k === 'url') return { text: String(v), as: 'data' };
    if (k === 'enabled') return words(say('diff.enabled', { value: String(v === true) }));
    return code(v);
  };
  return ['url', 'events', 'decisions', 'enabled']
    .filter((k) => !same(before[k], after[k]))
    .map((k) => ({ field: say(`field.${k}`), before: show(k, before[k]), after: show(k, after[k]) }));
}

function alertChannelChanges(before: TRecord, after: TRecord, say: TSay): TChange[] {
  const show = (k: string, v: unknown): TShown => {
    if (v === null || v === undefined) return null;
    if (k === 'locale') return words(say('diff.language', { value: String(v) }));
    return code(v);
  };
  return ['events', 'locale']
    .filter((k) => !same(before[k], after[k]))
    .map((k) => ({ field: say(`field.${k}`), before: show(k, before[k]), after: show(k, after[k]) }));
}

/** The changed fields of a rule, thresholds, webhook or alert channel change; null for the actions whose sentence says it all. */
export function auditChanges(e: TAuditEntryView, say: TSay, f: TFormats): TChange[] | null {
  const before = record(e.before);
  const after = record(e.after);
  switch (e.action) {
    case 'rule.update':
      return ruleChanges(before, after, say, f);
    case 'thresholds.update':
    case 'thresholds.override':
    case 'thresholds.override_end':
      return thresholdChanges(before, after, say, f);
    case 'webhook.update':
      return webhookChanges(before, after, say);
    case 'alert_channel.update':
      return alertChannelChanges(before, after, say);
    default:
      return null;
  }
}
