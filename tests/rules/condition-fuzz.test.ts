import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '@/lib/rules/features';
import { newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { call, isolated } from './helpers';

// Conditions as an integrator's bug or an attacker would send them: random
// trees of groups and comparisons, mostly plausible, some wrong in one part
// (a type, an operator, a code, nesting, size). Never a 5xx; a refusal names
// the part at fault and writes nothing; what is accepted scores an ingest.

const owner = ownerSql();
let m: Merchant;
afterAll(() => owner.end());
beforeAll(async () => {
  m = await newMerchant('condition-fuzz');
  await postTx(m, isolated());
});

/** A comparison that fits its feature, as a careful integrator writes one. */
const validComparison = fc.oneof(
  fc.record({
    feature: fc.constantFrom(...FEATURES.filter((f) => f.includes('.') && !f.endsWith('decline_ratio'))),
    windowSeconds: fc.constantFrom(60, 600, 1800, 3600, 86_400, 604_800),
    operator: fc.constantFrom('>', '>=', '<', '<='),
    threshold: fc.integer({ min: 0, max: 50 }),
  }),
  fc.record({ feature: fc.constant('amount'), operator: fc.constantFrom('>', '<='), threshold: fc.integer({ min: 0, max: 100_000 }) }),
  fc.record({ feature: fc.constantFrom('card_country', 'ip_country'), operator: fc.constantFrom('in', 'not_in'), threshold: fc.subarray(['FR', 'DE', 'US', 'GB'], { minLength: 1 }) }),
  fc.record({ feature: fc.constant('currency'), operator: fc.constantFrom('in', 'not_in'), threshold: fc.subarray(['EUR', 'USD', 'gbp'], { minLength: 1 }) }),
  fc.record({ feature: fc.constant('country_mismatch'), operator: fc.constant('is'), threshold: fc.boolean() }),
);

/** Anything shaped like a comparison: wrong types, operators, codes, windows. */
const anyComparison = fc.record(
  {
    feature: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...FEATURES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
    windowSeconds: fc.oneof(fc.constantFrom(60, 600, 1800, 3600, 86_400, 604_800), fc.integer({ min: -5, max: 10_000_000 }), fc.constant(1.5)),
    operator: fc.constantFrom('>', '>=', '<', '<=', 'in', 'not_in', 'is', '==', ''),
    threshold: fc.oneof(
      fc.double({ min: -10, max: 1e13, noNaN: true }),
      fc.array(fc.constantFrom('EUR', 'usd', 'FR', 'DE', 'XX', 'France', '', '\u0000'), { maxLength: 60 }),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 8 }),
    ),
  },
  { requiredKeys: ['feature', 'operator', 'threshold'] },
);

const comparison = fc.oneof({ weight: 4, arbitrary: validComparison }, { weight: 1, arbitrary: anyComparison });

const tree = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: comparison },
    { weight: 2, arbitrary: fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ all: fc.constant([]) }) },
    { weight: 1, arbitrary: fc.constantFrom(null, 3, 'all', [], { all: 'x' }, { all: [], any: [] }) },
  ),
})).node;

describe('conditions, fuzzed', () => {
  // Trees the fuzzing below once found answered with a 5xx: kept so they are tried on every run.
  it.each([
    { all: [{ any: [{ feature: 'ip.attempts', windowSeconds: 60, operator: '>', threshold: 0 }] }, { feature: 'bin.distinct_cards', windowSeconds: 60, operator: '>', threshold: 0 }] },
  ])('a tree fuzzing once broke is backtested: %j', async (condition) => {
    const res = await call(m, '/api/v1/rules/backtest', 'POST', { rule: { condition, action: 'REVIEW' }, from: new Date(Date.now() - 86_400_000).toISOString() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('backtest and rule creation: never a 5xx, refusals name the field and write nothing', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(tree, fc.boolean(), async (condition, create) => {
        const rules = Number((await owner`select count(*) from rules where organization_id = ${m.orgId}`)[0].count);
        const res = create
          ? await call(m, '/api/v1/rules', 'POST', { key: uniq('fz').replace(/-/g, '_'), name: 'Fuzzed', condition, action: 'REVIEW', mode: 'shadow' })
          : await call(m, '/api/v1/rules/backtest', 'POST', { rule: { condition, action: 'REVIEW' }, from: new Date(Date.now() - 86_400_000).toISOString() });
        expect(res.status, JSON.stringify({ condition, body: res.body })).toBeLessThan(500);
        const after = Number((await owner`select count(*) from rules where organization_id = ${m.orgId}`)[0].count);
        if (res.status >= 400) {
          refused++;
          expect(res.body.error.code).toBeTruthy();
          if (res.status === 400) expect(res.body.error.field, JSON.stringify(res.body)).toMatch(/^(rule\.)?(condition|feature)/);
          expect(after).toBe(rules);
        } else {
          accepted++;
          expect(after).toBe(rules + (create ? 1 : 0));
        }
        // The org holds at most 50 rules: disable what was made so creation can go on being tried.
        if (create && res.status === 201) await owner`delete from rules where id = ${res.body.rule.id}`;
      }),
      { numRuns: 250 },
    );
    // Both kinds happened: the generator is not all refusals.
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
    // Whatever was accepted, an ingest still scores.
    expect((await postTx(m, isolated())).decision).toBeTruthy();
  });
});
