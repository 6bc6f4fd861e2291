import { describe, expect, it } from 'vitest';
import { conditionProblem, type TCondition } from '@/lib/rules/condition';
import { DEFAULT_RULES } from '@/lib/rules/defaults';
import { ZCreateRuleSchema, type TRule } from '@/lib/rules/schema';
import { formats } from '@/lib/format';
import { decisionChangeList, formatObserved, formatRatio, shareParts, lastDays, windowDays } from './backtest';
import { changedFields, draftBody, draftFromRule, draftNode, editorField, messageWithoutField, newComparison, suggestKey, withFeature, type TDraft, type TRuleBody } from './rule-draft';
import { addPart, combine, removeNode, updateNode } from './rule-draft-tree';

// The editor's conversions between what a person types and the wire's rule.

const stored = (key: string, overrides: Partial<TRule> = {}): TRule => ({
  ...DEFAULT_RULES.find((r) => r.key === key)!,
  id: `id_${key}`,
  enabled: true,
  version: 1,
  updatedBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const bodyOf = (draft: TDraft): TRuleBody => {
  const parsed = draftBody(draft);
  if (!('body' in parsed)) throw new Error(`unexpected problem ${JSON.stringify(parsed.problem)}`);
  return parsed.body;
};

describe('a stored rule in the editor', () => {
  it('reads every default rule back unchanged (no PATCH without an edit)', () => {
    for (const d of DEFAULT_RULES) {
      const rule = stored(d.key);
      const draft = draftFromRule(rule);
      expect(changedFields(rule, bodyOf(draft)), d.key).toEqual({});
    }
  });

  it('shows a window in its largest whole unit, a ratio in %, an amount in major units', () => {
    const ip = draftFromRule(stored('ip_attempts_30m')).condition;
    expect(ip).toMatchObject({ window: '30', windowUnit: 'minutes', value: '5' });
    expect(draftFromRule(stored('card_declines_24h')).condition).toMatchObject({ window: '24', windowUnit: 'hours' });
    expect(draftFromRule(stored('ip_decline_ratio_30m')).condition).toMatchObject({ value: '50' });
    expect(draftFromRule(stored('high_amount')).condition).toMatchObject({ value: '5000' });
    expect(draftFromRule(stored('high_amount'), 'JPY').condition).toMatchObject({ value: '500000' });
  });

  it('sends only what changed: a new threshold is the condition, the one comparison', () => {
    const rule = stored('ip_attempts_30m');
    const draft = draftFromRule(rule);
    const edited = { ...draft, condition: { ...draft.condition, value: '3' } } as TDraft;
    expect(changedFields(rule, bodyOf(edited))).toEqual({ condition: { feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 3 } });
    expect(changedFields(rule, bodyOf({ ...draft, mode: 'shadow', name: 'Renamed' }))).toEqual({ mode: 'shadow', name: 'Renamed' });
  });

  it('converts typed units back: hours, %, major units of the chosen currency', () => {
    const c = { ...newComparison('ip.decline_ratio'), window: '2', windowUnit: 'hours' as const, value: '33.3' };
    const body = bodyOf({ ...draftFromRule(null), condition: c });
    expect(body.condition).toEqual({ feature: 'ip.decline_ratio', windowSeconds: 7200, operator: '>', threshold: 0.333 });
    const amount = { ...newComparison('amount'), value: '1.5' };
    expect(bodyOf({ ...draftFromRule(null), condition: amount }).condition).toMatchObject({ windowSeconds: 0, threshold: 150 });
    expect(bodyOf({ ...draftFromRule(null), amountCurrency: 'JPY', condition: amount }).condition).toMatchObject({ threshold: 2 });
  });

  it('round-trips a compound condition with codes, yes/no and a nested group', () => {
    const condition: TCondition = {
      all: [
        { feature: 'card_country', windowSeconds: 0, operator: 'not_in', threshold: ['FR', 'DE'] },
        { any: [{ feature: 'country_mismatch', windowSeconds: 0, operator: 'is', threshold: true }, { feature: 'ip.distinct_cards', windowSeconds: 600, operator: '>=', threshold: 3 }] },
      ],
    };
    const rule = stored('ip_attempts_30m', { feature: null, windowSeconds: null, operator: null, threshold: null, condition });
    const body = bodyOf(draftFromRule(rule));
    expect(body.condition).toEqual(condition);
    expect(conditionProblem(body.condition)).toBeNull();
    expect(changedFields(rule, body)).toEqual({});
  });

  it('names the input that is not a number by its API path', () => {
    const draft = draftFromRule(null);
    const group = combine({ ...draft.condition }, 'any');
    const bad = updateNode(group, (group as { parts: { uid: string }[] }).parts[1].uid, (n) => ({ ...n, value: '' }) as typeof n);
    expect(draftBody({ ...draft, condition: bad })).toEqual({ problem: { field: 'condition.any[1].threshold', message: 'Enter a number', code: 'not_a_number' } });
  });

  it('makes a new rule the create schema accepts, its key suggested from the name', () => {
    const draft = { ...draftFromRule(null), name: 'Très many cards — from one IP!' };
    expect(suggestKey(draft.name)).toBe('tres_many_cards_from_one_ip');
    expect(suggestKey('42')).toBe('');
    const parsed = ZCreateRuleSchema.safeParse({ ...bodyOf(draft), key: suggestKey(draft.name) });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});

describe('the condition tree', () => {
  it('adds, nests and removes parts; a group left with one part gives way to it', () => {
    const first = newComparison();
    let root = combine(first, 'all');
    root = addPart(root, root.uid, 'group');
    expect(root.type === 'group' && root.parts.map((p) => p.type)).toEqual(['comparison', 'comparison', 'group']);
    const nested = root.type === 'group' ? root.parts[2] : root;
    root = removeNode(root, nested.type === 'group' ? nested.parts[0].uid : '');
    expect(root.type === 'group' && root.parts.map((p) => p.type)).toEqual(['comparison', 'comparison', 'comparison']);
    const [, second, third] = root.type === 'group' ? root.parts : [];
    root = removeNode(removeNode(root, second.uid), third.uid);
    expect(root).toBe(first);
  });

  it('keeps the operator and value within a kind of feature, and resets them across kinds', () => {
    const c = { ...newComparison('ip.attempts'), operator: '<=' as const, value: '9' };
    expect(withFeature(c, 'card.attempts')).toMatchObject({ operator: '<=', value: '9' });
    expect(withFeature(c, 'currency')).toMatchObject({ operator: 'in' });
    expect(withFeature(c, 'country_mismatch')).toMatchObject({ operator: 'is' });
    expect(draftNode({ feature: 'currency', windowSeconds: 0, operator: 'in', threshold: ['EUR'] }, 'EUR')).toMatchObject({ codes: 'EUR' });
  });
});

describe('API errors in the editor', () => {
  it('spells paths as the editor does', () => {
    expect(editorField('rule.condition.all.1.any.0.threshold')).toBe('condition.all[1].any[0].threshold');
    expect(editorField('condition.all[1].threshold')).toBe('condition.all[1].threshold');
    expect(editorField('rule.threshold')).toBe('condition.threshold');
    expect(editorField('rule.name')).toBe('name');
    expect(editorField(undefined)).toBeNull();
    expect(messageWithoutField('rule.condition.threshold: Too large', 'rule.condition.threshold')).toBe('Too large');
  });
});

describe('backtest figures', () => {
  it('formats shares, ratios, changes and observed values, in English and in French', () => {
    const en = formats('en', 'UTC');
    const fr = formats('fr', 'UTC');
    expect(shareParts(12_345, 40_000, en)).toEqual({ part: '12,345', total: '40,000', ratio: '30.9%' });
    expect(shareParts(12_345, 40_000, fr)).toEqual({ part: '12\u202f345', total: '40\u202f000', ratio: '30,9\u00a0%' });
    expect(shareParts(0, 0, en)).toEqual({ part: '0', total: '0', ratio: null });
    expect(formatRatio(null, en)).toBe('—');
    expect(formatRatio(2 / 3, en)).toBe('66.7%');
    expect(decisionChangeList({ 'ALLOW->REVIEW': 2, 'ALLOW->BLOCK': 12 }).map((c) => `${c.from} → ${c.to}: ${c.count}`)).toEqual(['ALLOW → BLOCK: 12', 'ALLOW → REVIEW: 2']);
    expect(formatObserved([1234, true, 'FR', null, 0.4567], en, { yes: 'yes', no: 'no' })).toBe('1,234 · yes · FR · — · 0.457');
    expect(formatObserved([1234, false, 0.4567], fr, { yes: 'oui', no: 'non' })).toBe('1\u202f234 · non · 0,457');
    expect(windowDays(lastDays(30, Date.parse('2026-12-01T10:00:00Z')))).toBe(30);
  });
});
