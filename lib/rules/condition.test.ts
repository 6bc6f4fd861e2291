import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { conditionProblem, ZConditionSchema, type TCondition } from './condition';
import { evaluateRule, toReason } from './evaluate';
import type { TRuleSpec } from './schema';
import { baseInput, values } from './test-fixtures';
import { conditionForCreate, conditionForUpdate } from './validate';
import { planVelocity } from './velocity-plan';

const compound = (condition: TCondition, overrides: Partial<TRuleSpec> = {}): TRuleSpec => ({
  id: 'r1', key: 'compound', name: 'Compound', feature: null, windowSeconds: null, operator: null, threshold: null,
  condition, action: 'BLOCK', scoreDelta: 0, mode: 'active', ...overrides,
});

const foreignCardBurst: TCondition = {
  all: [
    { feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 5 },
    { feature: 'amount', windowSeconds: 0, operator: '>=', threshold: 1000 },
    { any: [{ feature: 'country_mismatch', windowSeconds: 0, operator: 'is', threshold: true }, { feature: 'currency', windowSeconds: 0, operator: 'not_in', threshold: ['EUR'] }] },
  ],
};

const fail = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('did not throw');
};

describe('compound conditions', () => {
  const input = { ...baseInput, amount: 4999, ipCountry: 'US', card: { fingerprint: 'fp_1', bin: '424242', last4: '4242', country: 'FR' } };

  it('fires when every part of an all holds, and the reason lists each comparison with its observed value', () => {
    const fired = evaluateRule(compound(foreignCardBurst), input, values(['ip', 'attempts', 1800, 7]))!;
    expect(fired.message).toBe(
      'All of: 7 attempts from IP 203.0.113.7 in 30 min > 5 ✓; Amount €49.99 ≥ €10.00 ✓; (Any of: Card country FR ≠ IP country US ✓; Currency EUR not in EUR ✗)',
    );
    const reason = toReason(fired);
    expect(reason.observed).toBeUndefined();
    expect(reason.comparisons).toEqual([
      { feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 5, observed: 7, held: true },
      { feature: 'amount', operator: '>=', threshold: 1000, observed: 4999, held: true },
      { feature: 'country_mismatch', operator: 'is', threshold: true, observed: true, held: true },
      { feature: 'currency', operator: 'not_in', threshold: ['EUR'], observed: 'EUR', held: false },
    ]);
  });

  it('does not fire when one part of an all fails, nor when a part cannot be evaluated', () => {
    expect(evaluateRule(compound(foreignCardBurst), input, values(['ip', 'attempts', 1800, 5]))).toBeNull();
    // Same country: the any group has nothing that holds.
    const home = { ...input, ipCountry: 'FR' };
    expect(evaluateRule(compound(foreignCardBurst), home, values(['ip', 'attempts', 1800, 9]))).toBeNull();
    // No IP country: the mismatch is unknown, so it does not hold.
    expect(evaluateRule(compound(foreignCardBurst), { ...input, ipCountry: undefined }, values(['ip', 'attempts', 1800, 9]))).toBeNull();
  });

  it('fires an any group on one part, and plans the velocity of every comparison', () => {
    const rule = compound({ any: [{ feature: 'email.attempts', windowSeconds: 3600, operator: '>', threshold: 3 }, { feature: 'card_country', windowSeconds: 0, operator: 'in', threshold: ['NG', 'FR'] }] });
    expect(evaluateRule(rule, { ...input, email: undefined }, new Map())?.message).toBe(
      'Any of: email.attempts: not evaluated (the attempt has no email) ✗; Card country FR in NG, FR ✓',
    );
    const plans = planVelocity([rule, compound(foreignCardBurst)], input);
    expect(plans.map((p) => p.key).sort()).toEqual(['email', 'ip']);
  });
});

describe('condition validation', () => {
  const parse = (c: unknown) => ZConditionSchema.safeParse(c);

  it('names the part at fault by its path', () => {
    const bad = { all: [{ feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 5 }, { any: [{ feature: 'currency', operator: '>', threshold: 3 }] }] };
    const parsed = parse(bad);
    expect(parsed.success).toBe(true);
    expect(conditionProblem(parsed.data!)).toEqual({ field: 'condition.all[1].any[0].operator', message: 'currency is compared with a list of codes: use "in" or "not_in"' });
    expect(fail(() => conditionForCreate({ condition: parsed.data }))).toMatchObject({ field: 'condition.all[1].any[0].operator' });
  });

  it('refuses nesting deeper than 3, windows on attempt fields, missing windows, bad codes and ratios over 1', () => {
    const deep: TCondition = { all: [{ any: [{ all: [{ any: [{ feature: 'amount', windowSeconds: 0, operator: '>', threshold: 1 }] }] }] }] };
    expect(conditionProblem(deep)?.field).toBe('condition');
    expect(conditionProblem({ all: [{ feature: 'amount', windowSeconds: 60, operator: '>', threshold: 1 }] })?.field).toBe('condition.all[0].windowSeconds');
    expect(conditionProblem({ all: [{ feature: 'ip.attempts', windowSeconds: 0, operator: '>', threshold: 1 }] })?.field).toBe('condition.all[0].windowSeconds');
    expect(conditionProblem({ any: [{ feature: 'card_country', windowSeconds: 0, operator: 'in', threshold: ['France'] }] })).toMatchObject({ field: 'condition.any[0].threshold' });
    expect(conditionProblem({ any: [{ feature: 'ip.decline_ratio', windowSeconds: 600, operator: '>', threshold: 2 }] })?.field).toBe('condition.any[0].threshold');
    expect(conditionProblem({ any: [{ feature: 'country_mismatch', windowSeconds: 0, operator: 'is', threshold: 1 }] })?.field).toBe('condition.any[0].threshold');
    expect(parse({ all: [] }).success).toBe(false);
    expect(parse({ all: [{ feature: 'nope', operator: '>', threshold: 1 }] }).success).toBe(false);
  });

  it('keeps a lone numeric comparison in the flat fields and anything else as a condition', () => {
    expect(conditionForCreate({ condition: { feature: 'ip.attempts', windowSeconds: 600, operator: '>=', threshold: 4 } })).toEqual({
      feature: 'ip.attempts', windowSeconds: 600, operator: '>=', threshold: 4, condition: null,
    });
    expect(conditionForCreate({ condition: { any: [{ feature: 'currency', windowSeconds: 0, operator: 'in', threshold: ['usd', 'USD'] }] } })).toEqual({
      feature: null, windowSeconds: null, operator: null, threshold: null,
      condition: { any: [{ feature: 'currency', windowSeconds: 0, operator: 'in', threshold: ['USD'] }] },
    });
    expect(fail(() => conditionForCreate({ feature: 'currency', operator: '>', threshold: 1 }))).toMatchObject({ field: 'feature' });
    expect(fail(() => conditionForCreate({ feature: 'ip.attempts', operator: '>', threshold: 1, condition: foreignCardBurst }))).toMatchObject({ field: 'feature' });
  });

  it('edits a compound rule into one comparison only with all the flat fields', () => {
    const before = compound(foreignCardBurst);
    expect(fail(() => conditionForUpdate(before, { threshold: 3 }))).toMatchObject({ field: 'feature' });
    expect(conditionForUpdate(before, { feature: 'amount', operator: '<', threshold: 100 })).toMatchObject({ feature: 'amount', windowSeconds: 0, condition: null });
    expect(conditionForUpdate(before, {})).toBeNull();
  });
});
