import { groupKind, groupParts, isGroup, normaliseCondition, NUMERIC_OPERATORS, type TComparison, type TCondition, type TConditionOperator } from '@/lib/rules/condition';
import { parseFeature, type TFeature } from '@/lib/rules/features';
import { ruleCondition, type TRule, type TRuleAction, type TRuleMode } from '@/lib/rules/schema';
import { isAmountFeature, isRatioFeature } from './labels';

// The rule editor's state: what the inputs hold (text, in the units a person
// types: minutes or hours, a ratio in %, an amount in major units), and its
// conversion to the wire's rule (seconds, 0–1, minor units). Pure, so the
// conversions are unit-tested; the server still validates everything.

export const WINDOW_UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const;
export type TWindowUnit = keyof typeof WINDOW_UNITS;

export type TDraftComparison = {
  type: 'comparison';
  /** React's key: stable while parts are added and removed. */
  uid: string;
  feature: TFeature;
  window: string;
  windowUnit: TWindowUnit;
  operator: TConditionOperator;
  /** A number as typed: a count, a ratio in %, or an amount in major units. */
  value: string;
  /** Codes for `in` / `not_in`, as typed: "FR, DE". */
  codes: string;
  /** country_mismatch is … yes / no. */
  flag: boolean;
};
export type TDraftGroup = { type: 'group'; uid: string; kind: 'all' | 'any'; parts: TDraftNode[] };
export type TDraftNode = TDraftComparison | TDraftGroup;

export type TDraft = {
  name: string;
  key: string;
  /** Once the key is typed by hand it is no longer suggested from the name. */
  keyTouched: boolean;
  action: TRuleAction;
  scoreDelta: string;
  mode: TRuleMode;
  condition: TDraftNode;
  /** The currency amounts are typed in: a rule compares minor units, whose size depends on it. */
  amountCurrency: string;
};

/** The rule as the API takes it (POST /api/v1/rules, and the backtest's `rule`). */
export type TRuleBody = { name: string; action: TRuleAction; scoreDelta?: number; mode: TRuleMode; condition: TCondition };

let uidCounter = 0;
export const newUid = () => `n${++uidCounter}`;

/** 2 for EUR, 0 for JPY; 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type TFeatureKind = 'count' | 'ratio' | 'amount' | 'set' | 'mismatch';

export function featureKind(feature: TFeature): TFeatureKind {
  const parsed = parseFeature(feature);
  if (parsed?.kind === 'set') return 'set';
  if (parsed?.kind === 'mismatch') return 'mismatch';
  if (isRatioFeature(feature)) return 'ratio';
  if (isAmountFeature(feature)) return 'amount';
  return 'count';
}

export const isVelocity = (feature: TFeature) => parseFeature(feature)?.kind === 'velocity';

/** The operators a feature may use, in the order a select offers them. */
export function operatorsFor(feature: TFeature): readonly TConditionOperator[] {
  const kind = featureKind(feature);
  if (kind === 'set') return ['in', 'not_in'];
  if (kind === 'mismatch') return ['is'];
  return NUMERIC_OPERATORS;
}

/** The largest unit that holds the window exactly, as the table writes it: 1800 s is 30 minutes, 86400 s 24 hours, 172800 s 2 days. */
function windowParts(seconds: number): { window: string; windowUnit: TWindowUnit } {
  if (seconds >= 2 * WINDOW_UNITS.days && seconds % WINDOW_UNITS.days === 0) return { window: String(seconds / WINDOW_UNITS.days), windowUnit: 'days' };
  if (seconds > 0 && seconds % WINDOW_UNITS.hours === 0) return { window: String(seconds / WINDOW_UNITS.hours), windowUnit: 'hours' };
  return { window: seconds > 0 ? String(seconds / 60) : '30', windowUnit: 'minutes' };
}

/** A stored threshold as the input shows it. */
function displayValue(feature: TFeature, threshold: number, currency: string): string {
  const kind = featureKind(feature);
  if (kind === 'ratio') return String(Math.round(threshold * 100_000) / 1000);
  if (kind === 'amount') return String(threshold / 10 ** currencyDigits(currency));
  return String(threshold);
}

export function newComparison(feature: TFeature = 'ip.attempts'): TDraftComparison {
  const kind = featureKind(feature);
  return {
    type: 'comparison',
    uid: newUid(),
    feature,
    window: '30',
    windowUnit: 'minutes',
    operator: operatorsFor(feature)[0],
    value: kind === 'ratio' ? '50' : kind === 'amount' ? '1000' : '5',
    codes: '',
    flag: true,
  };
}

/** A comparison whose feature changed: the window stays, the operator and value follow the new feature's kind. */
export function withFeature(c: TDraftComparison, feature: TFeature): TDraftComparison {
  const fresh = newComparison(feature);
  const sameKind = featureKind(c.feature) === featureKind(feature);
  return { ...c, feature, operator: sameKind ? c.operator : fresh.operator, value: sameKind ? c.value : fresh.value };
}

export function draftNode(condition: TCondition, currency: string): TDraftNode {
  if (isGroup(condition)) return { type: 'group', uid: newUid(), kind: groupKind(condition), parts: groupParts(condition).map((p) => draftNode(p, currency)) };
  const c = condition;
  const base = newComparison(c.feature);
  return {
    ...base,
    ...windowParts(c.windowSeconds),
    operator: c.operator,
    value: typeof c.threshold === 'number' ? displayValue(c.feature, c.threshold, currency) : base.value,
    codes: Array.isArray(c.threshold) ? c.threshold.join(', ') : '',
    flag: typeof c.threshold === 'boolean' ? c.threshold : true,
  };
}

export const DEFAULT_AMOUNT_CURRENCY = 'EUR';

export function draftFromRule(rule: TRule | null, currency = DEFAULT_AMOUNT_CURRENCY): TDraft {
  if (!rule) {
    return { name: '', key: '', keyTouched: false, action: 'REVIEW', scoreDelta: '10', mode: 'shadow', condition: newComparison(), amountCurrency: currency };
  }
  return {
    name: rule.name,
    key: rule.key,
    keyTouched: true,
    action: rule.action,
    scoreDelta: String(rule.action === 'SCORE' ? rule.scoreDelta : 10),
    mode: rule.mode,
    condition: draftNode(ruleCondition(rule), currency),
    amountCurrency: currency,
  };
}

/** "Many cards from one IP" → "many_cards_from_one_ip" (the API's key pattern). */
export function suggestKey(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 64)
    .replace(/_+$/, '');
  return slug.length >= 2 ? slug : '';
}

/** A problem to show beside the part at fault, `field` in the editor's spelling ("condition.all[1].threshold"): from the API, or an input that is not a number at all. */
export type TFieldProblem = { field: string; message: string; /** Set for the editor's own check, whose words are the catalog's (rules.editor.enterNumber). */ code?: 'not_a_number' };

class DraftProblem extends Error {
  constructor(readonly problem: TFieldProblem) {
    super(problem.message);
  }
}

function parseNumber(text: string, field: string): number {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) throw new DraftProblem({ field, message: 'Enter a number', code: 'not_a_number' });
  return value;
}

function toComparison(c: TDraftComparison, path: string, currency: string): TComparison {
  const kind = featureKind(c.feature);
  const windowSeconds = isVelocity(c.feature) ? Math.round(parseNumber(c.window, `${path}.windowSeconds`) * WINDOW_UNITS[c.windowUnit]) : 0;
  let threshold: TComparison['threshold'];
  if (kind === 'set') threshold = c.codes.split(/[\s,;]+/).filter(Boolean);
  else if (kind === 'mismatch') threshold = c.flag;
  else {
    const typed = parseNumber(c.value, `${path}.threshold`);
    // Rounded: 0.1 + 0.2 style float noise would otherwise reach the stored rule.
    threshold = kind === 'ratio' ? Math.round(typed * 1000) / 100_000 : kind === 'amount' ? Math.round(typed * 10 ** currencyDigits(currency)) : typed;
  }
  return { feature: c.feature, windowSeconds, operator: c.operator, threshold };
}

function toCondition(node: TDraftNode, path: string, currency: string): TCondition {
  if (node.type === 'comparison') return toComparison(node, path, currency);
  const parts = node.parts.map((p, i) => toCondition(p, `${path}.${node.kind}[${i}]`, currency));
  return node.kind === 'all' ? { all: parts } : { any: parts };
}

/** The draft as the API's rule, or the first input that is not a number. */
export function draftBody(draft: TDraft): { body: TRuleBody } | { problem: TFieldProblem } {
  try {
    const condition = toCondition(draft.condition, 'condition', draft.amountCurrency);
    const body: TRuleBody = { name: draft.name, action: draft.action, mode: draft.mode, condition };
    if (draft.action === 'SCORE') body.scoreDelta = Math.trunc(parseNumber(draft.scoreDelta, 'scoreDelta'));
    return { body };
  } catch (error) {
    if (error instanceof DraftProblem) return { problem: error.problem };
    throw error;
  }
}

/** A stored rule as the same body (what the backtest of "before" sends). */
export function ruleBody(rule: TRule): TRuleBody {
  const body: TRuleBody = { name: rule.name, action: rule.action, mode: rule.mode, condition: ruleCondition(rule) };
  if (rule.action === 'SCORE') body.scoreDelta = rule.scoreDelta;
  return body;
}

/** One spelling per condition, so a draft and a stored rule compare equal when they mean the same. */
function canonical(condition: TCondition): unknown {
  const c = normaliseCondition(condition);
  if (isGroup(c)) return { [groupKind(c)]: groupParts(c).map(canonical) };
  return [c.feature, isVelocity(c.feature) ? c.windowSeconds : 0, c.operator, c.threshold];
}

/** The fields of a PATCH: only what the draft changed (empty when nothing did). */
export function changedFields(rule: TRule, body: TRuleBody): Partial<TRuleBody> {
  const before = ruleBody(rule);
  const patch: Partial<TRuleBody> = {};
  if (body.name.trim() !== before.name) patch.name = body.name;
  if (body.action !== before.action) patch.action = body.action;
  if (body.action === 'SCORE' && body.scoreDelta !== rule.scoreDelta) patch.scoreDelta = body.scoreDelta;
  if (body.mode !== before.mode) patch.mode = body.mode;
  if (JSON.stringify(canonical(body.condition)) !== JSON.stringify(canonical(before.condition))) patch.condition = body.condition;
  return patch;
}

/**
 * The API's field path in the editor's spelling: zod's `condition.all.0`
 * becomes `condition.all[0]`, the backtest's `rule.` prefix goes, and the
 * flat fields of a one-comparison rule point at its comparison.
 */
export function editorField(field: string | undefined): string | null {
  if (!field) return null;
  let f = field.replace(/^rule\./, '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  if (['feature', 'windowSeconds', 'operator', 'threshold'].includes(f)) f = `condition.${f}`;
  return f;
}

/** The message without the "field: " prefix the API puts before it (the field is shown by place). */
export const messageWithoutField = (message: string, field: string | undefined) =>
  field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;

/** The depth of a group in the editor: the top group is 1; MAX_CONDITION_DEPTH bounds it. */
export function nodeDepth(node: TDraftNode): number {
  return node.type === 'group' ? 1 + Math.max(0, ...node.parts.map(nodeDepth)) : 0;
}

/** The comparisons of a draft, in reading order. */
export const draftComparisons = (node: TDraftNode): TDraftComparison[] => (node.type === 'comparison' ? [node] : node.parts.flatMap(draftComparisons));
