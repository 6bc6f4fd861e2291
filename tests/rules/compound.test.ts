import { afterAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, postTx } from '../helpers/env';
import { call, card, isolated, randomIp, reasonOf } from './helpers';

// Compound conditions end to end: created through the API, stored as a
// condition, evaluated at ingest with every comparison in the reason, and
// refused with the path of the part at fault.

const owner = ownerSql();
afterAll(() => owner.end());

const foreignBurst = {
  key: 'foreign_card_burst',
  name: 'Foreign card in a burst',
  action: 'BLOCK',
  condition: {
    all: [
      { feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 2 },
      { any: [{ feature: 'country_mismatch', operator: 'is', threshold: true }, { feature: 'currency', operator: 'not_in', threshold: ['eur', 'GBP'] }] },
    ],
  },
};

describe('compound rules', () => {
  it('are stored as a condition and decide at the next ingest, the reason listing each comparison', async () => {
    const m = await newMerchant('compound');
    const created = await call(m, '/api/v1/rules', 'POST', foreignBurst);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.rule).toMatchObject({
      feature: null, windowSeconds: null, operator: null, threshold: null,
      condition: { all: [{ feature: 'ip.attempts', windowSeconds: 1800 }, { any: [{ feature: 'country_mismatch', windowSeconds: 0 }, { threshold: ['EUR', 'GBP'] }] }] },
    });
    const [row] = await owner`select feature, condition from rules where id = ${created.body.rule.id}`;
    expect(row.feature).toBeNull();
    expect(row.condition.all).toHaveLength(2);

    // A shopper at home in three payments: never blocked by it.
    const ip = randomIp();
    const home = { ip, ipCountry: 'fr', currency: 'EUR' };
    for (let i = 0; i < 3; i++) {
      const d = await postTx(m, isolated({ ...home, card: card({ country: 'FR' }) }));
      expect(reasonOf(d, 'foreign_card_burst')).toBeUndefined();
      expect(d.ipCountry).toBe('FR');
    }
    // The same IP with a US card: the third attempt onwards, and the mismatch.
    const d = await postTx(m, isolated({ ...home, card: card({ country: 'US' }) }));
    expect(d.decision).toBe('BLOCK');
    const reason = reasonOf(d, 'foreign_card_burst')!;
    expect(reason.message).toBe(`All of: 4 attempts from IP ${ip} in 30 min > 2 ✓; (Any of: Card country US ≠ IP country FR ✓; Currency EUR not in EUR, GBP ✗) → BLOCK`);
    expect(reason.comparisons).toEqual([
      { feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 2, observed: 4, held: true },
      { feature: 'country_mismatch', operator: 'is', threshold: true, observed: true, held: true },
      { feature: 'currency', operator: 'not_in', threshold: ['EUR', 'GBP'], observed: 'EUR', held: false },
    ]);
    // Without an IP country the mismatch is unknown; a USD payment still matches the any group.
    const usd = await postTx(m, isolated({ ip, currency: 'USD', card: card({ country: 'US' }) }));
    expect(reasonOf(usd, 'foreign_card_burst')?.comparisons).toMatchObject([{ held: true }, { observed: null, held: null }, { observed: 'USD', held: true }]);
  });

  it('refuse a bad condition with the path of the part at fault, and write nothing', async () => {
    const m = await newMerchant('compound-bad');
    const before = (await call(m, '/api/v1/rules', 'GET')).body.rules.length;
    const cases: [unknown, string][] = [
      [{ all: [{ feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 2 }, { any: [{ feature: 'card_country', operator: '>', threshold: 3 }] }] }, 'condition.all[1].any[0].operator'],
      [{ any: [{ feature: 'card_country', operator: 'in', threshold: ['France'] }] }, 'condition.any[0].threshold'],
      [{ all: [{ feature: 'ip.attempts', operator: '>', threshold: 2 }] }, 'condition.all[0].windowSeconds'],
      [{ all: [{ any: [{ all: [{ any: [{ feature: 'amount', operator: '>', threshold: 1 }] }] }] }] }, 'condition'],
    ];
    for (const [condition, field] of cases) {
      const res = await call(m, '/api/v1/rules', 'POST', { ...foreignBurst, condition });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message.startsWith(`${field}: `)).toBe(true);
    }
    const both = await call(m, '/api/v1/rules', 'POST', { ...foreignBurst, feature: 'ip.attempts', operator: '>', threshold: 3, windowSeconds: 600 });
    expect(both.status).toBe(400);
    expect((await call(m, '/api/v1/rules', 'GET')).body.rules.length).toBe(before);
  });

  it('edit between one comparison and a condition; a PATCH of one flat field on a compound rule is refused', async () => {
    const m = await newMerchant('compound-edit');
    const { body } = await call(m, '/api/v1/rules', 'POST', foreignBurst);
    const id = body.rule.id;
    const partial = await call(m, `/api/v1/rules/${id}`, 'PATCH', { threshold: 4 });
    expect(partial.status).toBe(400);
    expect(partial.body.error.field).toBe('feature');
    const flat = await call(m, `/api/v1/rules/${id}`, 'PATCH', { feature: 'amount', operator: '<=', threshold: 100 });
    expect(flat.status, JSON.stringify(flat.body)).toBe(200);
    expect(flat.body.rule).toMatchObject({ feature: 'amount', windowSeconds: 0, operator: '<=', threshold: 100, condition: null, version: 2 });
    const back = await call(m, `/api/v1/rules/${id}`, 'PATCH', { condition: foreignBurst.condition });
    expect(back.body.rule).toMatchObject({ feature: null, condition: { all: expect.any(Array) }, version: 3 });
  });
});
