import { afterAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { addListEntry, call, card, codes, isolated, patchRule, randomBin, randomIp, reasonOf, ruleOf, rulesOf } from './helpers';

// The rule engine end to end: stored per-org rules and lists decide what the
// ingest API answers, against the real server and PostgreSQL.

const owner = ownerSql();
afterAll(() => owner.end());

/** Sends n attempts one after another (counts depend on order). */
async function send(m: Merchant, n: number, make: (i: number) => Record<string, unknown>) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await postTx(m, make(i)));
  return out;
}

describe('default rules', () => {
  it('are seeded once per org, also under concurrent first requests', async () => {
    const m = await newMerchant('seed');
    await Promise.all([
      ...Array.from({ length: 4 }, () => m.session.json('/api/v1/rules')),
      ...Array.from({ length: 4 }, () => postTx(m, isolated())),
      m.session.json('/api/v1/settings/thresholds'),
    ]);
    const [{ n }] = await owner`select count(*)::int as n from rules where organization_id = ${m.orgId}`;
    const [{ s }] = await owner`select count(*)::int as s from org_settings where organization_id = ${m.orgId}`;
    expect(n).toBe(10);
    expect(s).toBe(1);
    expect((await rulesOf(m)).map((r) => r.key).sort()).toEqual([
      'bin_attempts_10m', 'card_attempts_6h', 'card_declines_24h', 'email_attempts_1h', 'high_amount',
      'ip_attempts_30m', 'ip_decline_ratio_30m', 'ip_distinct_cards_10m', 'ip_distinct_cards_1h', 'micro_amount',
    ]);
  });

  it('let ordinary traffic through: one IP, one card, a couple of payments → ALLOW, score 0', async () => {
    const m = await newMerchant('ordinary');
    const base = isolated();
    const ds = await send(m, 3, () => base);
    for (const d of ds) expect(d).toMatchObject({ decision: 'ALLOW', score: 0, riskLevel: 'low', reasons: [], shadow: [] });
  });

  it('ip_attempts_30m: more than 5 attempts from one IP in 30 min → REVIEW', async () => {
    const m = await newMerchant('r-ip');
    const ip = randomIp();
    const theCard = card();
    const ds = await send(m, 6, () => isolated({ ip, card: theCard }));
    expect(ds.slice(0, 5).map((d) => d.decision)).toEqual(['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW', 'ALLOW']);
    expect(ds[5].decision).toBe('REVIEW');
    expect(reasonOf(ds[5], 'ip_attempts_30m')).toMatchObject({
      message: `6 attempts from IP ${ip} in 30 min > 5 → REVIEW`, observed: 6, threshold: 5, action: 'REVIEW', mode: 'active', ruleId: expect.any(String), decisive: true,
    });
  });

  it('card_attempts_6h: more than 6 attempts on one card in 6 h → REVIEW', async () => {
    const m = await newMerchant('r-card');
    const theCard = card({ last4: '1881' });
    const ds = await send(m, 7, () => isolated({ card: theCard }));
    expect(ds.slice(0, 6).every((d) => d.decision === 'ALLOW')).toBe(true);
    expect(ds[6].decision).toBe('REVIEW');
    expect(reasonOf(ds[6], 'card_attempts_6h')).toMatchObject({ message: '7 attempts on card •••• 1881 in 6 h > 6 → REVIEW', observed: 7, threshold: 6 });
  });

  it('ip_distinct_cards_10m (+30) from 4 cards, ip_distinct_cards_1h (BLOCK) from 6 cards on one IP', async () => {
    const m = await newMerchant('r-cards');
    const ip = randomIp();
    const ds = await send(m, 6, () => isolated({ ip }));
    expect(ds.slice(0, 3).map((d) => d.score)).toEqual([0, 0, 0]);
    expect(ds[3]).toMatchObject({ decision: 'ALLOW', score: 30, riskLevel: 'medium' });
    expect(codes(ds[3])).toEqual(['ip_distinct_cards_10m', 'score_threshold']);
    expect(reasonOf(ds[3], 'ip_distinct_cards_10m')).toMatchObject({ message: `4 distinct cards from IP ${ip} in 10 min > 3 → +30 points`, observed: 4, threshold: 3, action: 'SCORE' });
    expect(ds[5].decision).toBe('BLOCK');
    expect(reasonOf(ds[5], 'ip_distinct_cards_1h')).toMatchObject({ message: `6 distinct cards from IP ${ip} in 1 h > 5 → BLOCK`, observed: 6, threshold: 5, action: 'BLOCK' });
    expect(codes(ds[5])[0]).toBe('ip_distinct_cards_1h');
  });

  it('card_declines_24h: more than 3 declines on one card in 24 h → BLOCK', async () => {
    const m = await newMerchant('r-declines');
    const theCard = card({ last4: '0005' });
    const ds = await send(m, 4, () => isolated({ card: theCard, authStatus: 'declined', declineCode: 'do_not_honor' }));
    expect(ds.slice(0, 3).every((d) => d.decision === 'ALLOW')).toBe(true);
    expect(ds[3].decision).toBe('BLOCK');
    expect(reasonOf(ds[3], 'card_declines_24h')).toMatchObject({ message: '4 declines on card •••• 0005 in 24 h > 3 → BLOCK', observed: 4, threshold: 3 });
  });

  it('bin_attempts_10m: more than 30 attempts on one BIN in 10 min → +25', async () => {
    const m = await newMerchant('r-bin');
    const bin = randomBin();
    const ds = await send(m, 31, () => isolated({ card: card({ bin }) }));
    expect(ds.slice(0, 30).every((d) => d.score === 0)).toBe(true);
    expect(ds[30]).toMatchObject({ score: 25, decision: 'ALLOW' });
    expect(reasonOf(ds[30], 'bin_attempts_10m')).toMatchObject({ message: `31 attempts on BIN ${bin} in 10 min > 30 → +25 points`, observed: 31, threshold: 30 });
  });

  it('ip_decline_ratio_30m: more than half declined from one IP, only from 4 attempts → +30', async () => {
    const m = await newMerchant('r-ratio');
    const ip = randomIp();
    const theCard = card();
    const ds = await send(m, 4, (i) => isolated({ ip, card: theCard, authStatus: i === 0 ? 'authorized' : 'declined' }));
    expect(ds.slice(0, 3).map((d) => d.score)).toEqual([0, 0, 0]); // 2 of 3 declined: too few attempts to judge
    expect(ds[3]).toMatchObject({ score: 30 });
    expect(reasonOf(ds[3], 'ip_decline_ratio_30m')).toMatchObject({
      message: `75% of attempts declined (3 of 4) from IP ${ip} in 30 min > 50% → +30 points`, observed: 0.75, threshold: 0.5,
    });
  });

  it('email_attempts_1h: more than 10 attempts per email in 1 h → REVIEW', async () => {
    const m = await newMerchant('r-email');
    const email = `${uniq('tester')}@example.com`;
    const ds = await send(m, 11, () => isolated({ email }));
    expect(ds.slice(0, 10).every((d) => d.decision === 'ALLOW')).toBe(true);
    expect(ds[10].decision).toBe('REVIEW');
    expect(reasonOf(ds[10], 'email_attempts_1h')).toMatchObject({ message: `11 attempts from email ${email} in 1 h > 10 → REVIEW`, observed: 11, threshold: 10 });
  });

  it('micro_amount and high_amount compare the attempt\'s own amount', async () => {
    const m = await newMerchant('r-amount');
    const micro = await postTx(m, isolated({ amount: 50, currency: 'EUR' }));
    expect(micro).toMatchObject({ score: 10, decision: 'ALLOW' });
    expect(micro.reasons).toEqual([
      {
        code: 'micro_amount', message: 'Amount €0.50 < €1.00 → +10 points', ruleId: expect.any(String), observed: 50, threshold: 100, action: 'SCORE', mode: 'active',
        // The values the message was made of, for pages to say it in the reader's language (lib/reasons).
        text: { kind: 'rule', action: 'SCORE', points: 10, condition: { feature: 'amount', operator: '<', threshold: 100, held: true, observed: 50, currency: 'EUR' } },
      },
      {
        code: 'score_threshold', message: 'Score 10 < review threshold 50 → ALLOW', observed: 10, threshold: 50, action: 'ALLOW', mode: 'active', decisive: true,
        text: { kind: 'threshold', score: 10, decision: 'ALLOW', review: 50, block: expect.any(Number), temporary: false },
      },
    ]);
    const high = await postTx(m, isolated({ amount: 600_000, currency: 'USD' }));
    expect(high).toMatchObject({ score: 30, decision: 'ALLOW', riskLevel: 'medium' });
    expect(reasonOf(high, 'high_amount')).toMatchObject({ message: 'Amount $6,000.00 > $5,000.00 → +30 points', observed: 600_000, threshold: 500_000 });
    expect((await postTx(m, isolated({ amount: 100 }))).score).toBe(0);
  });

  it('a card-testing run goes from ALLOW through REVIEW to BLOCK', async () => {
    const m = await newMerchant('r-run');
    const ip = randomIp();
    const ds = await send(m, 6, () => isolated({ ip, amount: 50, authStatus: 'declined' }));
    expect(ds.map((d) => d.decision)).toEqual(['ALLOW', 'ALLOW', 'ALLOW', 'REVIEW', 'REVIEW', 'BLOCK']);
    expect(ds[3].score).toBe(70); // micro 10 + distinct cards 30 + decline ratio 30
  });
});

describe('shadow rules', () => {
  it('are evaluated and stored in shadow, and never change the score or the decision', async () => {
    const m = await newMerchant('shadow');
    await patchRule(m, 'ip_distinct_cards_1h', { mode: 'shadow' });
    await patchRule(m, 'micro_amount', { mode: 'shadow' });
    const ip = randomIp();
    const ds = await send(m, 6, () => isolated({ ip, amount: 50 }));
    const last = ds[5];
    // Active: 6 attempts from the IP (REVIEW) and 6 cards in 10 min (+30); not the shadow BLOCK nor the micro amount.
    expect(last).toMatchObject({ decision: 'REVIEW', score: 30 });
    expect(codes(last).sort()).toEqual(['ip_attempts_30m', 'ip_distinct_cards_10m']);
    expect(last.shadow).toEqual([
      expect.objectContaining({ code: 'ip_distinct_cards_1h', action: 'BLOCK', mode: 'shadow', observed: 6, threshold: 5 }),
      expect.objectContaining({ code: 'micro_amount', action: 'SCORE', mode: 'shadow', observed: 50 }),
      expect.objectContaining({ code: 'shadow_decision', action: 'BLOCK', observed: 40 }),
    ]);
    expect(ds[0]).toMatchObject({ decision: 'ALLOW', score: 0, reasons: [] });
    expect(ds[0].shadow.map((x: any) => x.code)).toEqual(['micro_amount', 'shadow_decision']);
    const [row] = await owner`select shadow, score, decision from detections where id = ${last.id}`;
    expect(row.shadow).toHaveLength(3);
    expect(row).toMatchObject({ score: 30, decision: 'REVIEW' });
  });
});

describe('lists', () => {
  it('a block entry wins over rules: BLOCK, score 100, with the reason', async () => {
    const m = await newMerchant('list-block');
    const ip = randomIp();
    expect((await postTx(m, isolated({ ip }))).decision).toBe('ALLOW');
    await addListEntry(m, { type: 'ip', value: ip, action: 'block', reason: 'card testing on 3 March' });
    const d = await postTx(m, isolated({ ip }));
    expect(d).toMatchObject({ decision: 'BLOCK', score: 100, riskLevel: 'critical' });
    expect(d.reasons).toEqual([
      {
        code: 'list_block', message: `IP ${ip} is on the block list (card testing on 3 March) → BLOCK`, action: 'BLOCK', mode: 'active', decisive: true,
        text: { kind: 'list', action: 'block', type: 'ip', value: ip, note: 'card testing on 3 March' },
      },
    ]);
  });

  it('an allow entry allows: rules are still evaluated, reported as shadow', async () => {
    const m = await newMerchant('list-allow');
    const theCard = card({ last4: '7777' });
    await addListEntry(m, { type: 'card_fingerprint', value: theCard.fingerprint, action: 'allow', reason: 'our QA card' });
    const ds = await send(m, 4, () => isolated({ card: theCard, amount: 50, authStatus: 'declined' }));
    const last = ds[3];
    expect(last).toMatchObject({ decision: 'ALLOW', score: 0 });
    expect(last.reasons).toEqual([
      {
        code: 'list_allow', message: `Card •••• 7777 (fingerprint ${theCard.fingerprint}) is on the allow list (our QA card) → ALLOW`, action: 'ALLOW', mode: 'active', decisive: true,
        text: { kind: 'list', action: 'allow', type: 'card_fingerprint', value: theCard.fingerprint, last4: '7777', note: 'our QA card' },
      },
    ]);
    expect(last.shadow.map((x: any) => [x.code, x.mode])).toEqual([['card_declines_24h', 'shadow'], ['micro_amount', 'shadow'], ['shadow_decision', 'shadow']]);
    expect(last.shadow[2]).toMatchObject({ action: 'BLOCK' });
  });

  it('block beats allow when both match; email, BIN prefix, device and customer entries match', async () => {
    const m = await newMerchant('list-both');
    const email = `${uniq('vip')}@example.com`;
    const bin = '54545454';
    await addListEntry(m, { type: 'email', value: email.toUpperCase(), action: 'allow' });
    expect((await postTx(m, isolated({ email, amount: 50 }))).reasons.map((r: any) => r.code)).toEqual(['list_allow']);
    await addListEntry(m, { type: 'card_bin', value: '545454', action: 'block' });
    const d = await postTx(m, isolated({ email, card: card({ bin }) }));
    expect(d.decision).toBe('BLOCK');
    expect(d.reasons.map((r: any) => r.message)).toEqual(['BIN 545454 is on the block list → BLOCK']);
    expect(d.shadow.map((r: any) => r.code)).toEqual(['list_allow']);

    await addListEntry(m, { type: 'device_id', value: 'dev_evil', action: 'block' });
    await addListEntry(m, { type: 'customer_id', value: 'cus_evil', action: 'block' });
    expect((await postTx(m, isolated({ deviceId: 'dev_evil' }))).decision).toBe('BLOCK');
    expect((await postTx(m, isolated({ customerId: 'cus_evil' }))).decision).toBe('BLOCK');
    expect((await postTx(m, isolated({ deviceId: 'dev_ok', customerId: 'cus_ok' }))).decision).toBe('ALLOW');
  });

  it('an IPv6 entry matches however the address is written', async () => {
    const m = await newMerchant('list-v6');
    await addListEntry(m, { type: 'ip', value: '2001:DB8:0:0:0:0:0:42', action: 'block' });
    const d = await postTx(m, isolated({ ip: '2001:db8::42' }));
    expect(d).toMatchObject({ decision: 'BLOCK', ip: '2001:db8::42' });
  });

  it('an expired entry no longer matches; a removed one neither', async () => {
    const m = await newMerchant('list-expiry');
    const ip = randomIp();
    const entry = await addListEntry(m, { type: 'ip', value: ip, action: 'block', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    expect((await postTx(m, isolated({ ip }))).decision).toBe('BLOCK');

    await owner`update lists set expires_at = now() - interval '1 second' where id = ${entry.id}`;
    expect((await postTx(m, isolated({ ip }))).decision).toBe('ALLOW');
    expect((await m.session.json('/api/v1/lists')).entries.map((e: any) => e.id)).not.toContain(entry.id);
    const withExpired = (await m.session.json('/api/v1/lists?include=expired')).entries;
    expect(withExpired.find((e: any) => e.id === entry.id)).toMatchObject({ expired: true, value: ip });

    const other = randomIp();
    const live = await addListEntry(m, { type: 'ip', value: other, action: 'block', expiresAt: null });
    expect((await postTx(m, isolated({ ip: other }))).decision).toBe('BLOCK');
    expect((await call(m, `/api/v1/lists/${live.id}`, 'DELETE')).status).toBe(200);
    expect((await postTx(m, isolated({ ip: other }))).decision).toBe('ALLOW');
    expect((await call(m, `/api/v1/lists/${live.id}`, 'DELETE')).status).toBe(404);
    const [row] = await owner`select deleted_at from lists where id = ${live.id}`;
    expect(row.deleted_at).not.toBeNull();
  });
});

describe('rule edits', () => {
  it('take effect on the next ingest and bump the version', async () => {
    const m = await newMerchant('edit');
    expect((await postTx(m, isolated({ amount: 4999 }))).score).toBe(0);
    const before = await ruleOf(m, 'micro_amount');
    const edited = await patchRule(m, 'micro_amount', { threshold: 10_000, scoreDelta: 60 });
    expect(edited).toMatchObject({ threshold: 10_000, scoreDelta: 60, version: before.version + 1 });
    const d = await postTx(m, isolated({ amount: 4999 }));
    expect(d).toMatchObject({ score: 60, decision: 'REVIEW', riskLevel: 'high' });
    expect(reasonOf(d, 'micro_amount')).toMatchObject({ message: 'Amount €49.99 < €100.00 → +60 points', threshold: 10_000 });

    await patchRule(m, 'micro_amount', { enabled: false });
    expect((await postTx(m, isolated({ amount: 50 }))).score).toBe(0);
    await patchRule(m, 'micro_amount', { enabled: true, action: 'BLOCK' });
    expect((await postTx(m, isolated({ amount: 50 }))).decision).toBe('BLOCK');
    expect((await ruleOf(m, 'micro_amount')).version).toBe(before.version + 3);
  });

  it('a window edit changes what is counted', async () => {
    const m = await newMerchant('edit-window');
    const ip = randomIp();
    await send(m, 2, () => isolated({ ip }));
    await owner`update detections set created_at = now() - interval '20 minutes' where organization_id = ${m.orgId}`;
    await patchRule(m, 'ip_distinct_cards_10m', { threshold: 2 });
    expect(codes(await postTx(m, isolated({ ip })))).toEqual([]); // the two old attempts are outside 10 min
    await patchRule(m, 'ip_distinct_cards_10m', { windowSeconds: 1800 });
    const d = await postTx(m, isolated({ ip }));
    expect(reasonOf(d, 'ip_distinct_cards_10m')).toMatchObject({ observed: 4, message: `4 distinct cards from IP ${ip} in 30 min > 2 → +30 points` });
  });

  it('a custom rule applies to the next ingest; an ALLOW rule forces ALLOW', async () => {
    const m = await newMerchant('custom');
    const created = await call(m, '/api/v1/rules', 'POST', {
      key: 'device_cards_1h', name: 'Several cards on one device', feature: 'device.distinct_cards', windowSeconds: 3600, operator: '>', threshold: 1, action: 'BLOCK',
    });
    expect(created.status).toBe(201);
    expect(created.body.rule).toMatchObject({ key: 'device_cards_1h', version: 1, mode: 'active', enabled: true, scoreDelta: 0 });
    expect((await postTx(m, isolated({ deviceId: 'dev_1' }))).decision).toBe('ALLOW');
    const d = await postTx(m, isolated({ deviceId: 'dev_1' }));
    expect(d.decision).toBe('BLOCK');
    expect(reasonOf(d, 'device_cards_1h')).toMatchObject({ message: '2 distinct cards from device dev_1 in 1 h > 1 → BLOCK', observed: 2, decisive: true });

    const again = await call(m, '/api/v1/rules', 'POST', { ...created.body.rule, id: undefined, version: undefined, createdAt: undefined, updatedAt: undefined, updatedBy: undefined });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe('key');

    await call(m, '/api/v1/rules', 'POST', {
      key: 'trusted_customer', name: 'Known good customer', feature: 'customer.attempts', windowSeconds: 3600, operator: '>=', threshold: 1, action: 'ALLOW',
    });
    expect((await postTx(m, isolated({ deviceId: 'dev_1', customerId: 'cus_good' }))).decision).toBe('ALLOW');
  });
});

describe('thresholds', () => {
  it('decide from the score; a temporary override applies until it ends', async () => {
    const m = await newMerchant('thresholds');
    expect(await m.session.json('/api/v1/settings/thresholds')).toEqual({ review: 50, block: 80, override: null, reviewTargetMinutes: 30 });
    const high = () => postTx(m, isolated({ amount: 600_000 })); // score 30
    expect((await high()).decision).toBe('ALLOW');

    const put = await call(m, '/api/v1/settings/thresholds', 'PUT', { review: 20, block: 60 });
    expect(put).toMatchObject({ status: 200, body: { review: 20, block: 60, override: null } });
    expect(await high()).toMatchObject({ decision: 'REVIEW', riskLevel: 'high' });

    const override = await call(m, '/api/v1/settings/thresholds/override', 'POST', { review: 10, block: 30, minutes: 15 });
    expect(override.status).toBe(200);
    expect(override.body).toMatchObject({ review: 20, block: 60, override: { review: 10, block: 30 } });
    const until = Date.parse(override.body.override.until);
    expect(until).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(until).toBeLessThan(Date.now() + 16 * 60_000);
    expect(await high()).toMatchObject({ decision: 'BLOCK', riskLevel: 'critical' });

    await owner`update org_settings set override_until = now() - interval '1 second' where organization_id = ${m.orgId}`;
    expect((await high()).decision).toBe('REVIEW');
    expect((await m.session.json('/api/v1/settings/thresholds')).override).toBeNull();

    await call(m, '/api/v1/settings/thresholds/override', 'POST', { review: 10, block: 30, minutes: 1 });
    expect((await high()).decision).toBe('BLOCK');
    const ended = await call(m, '/api/v1/settings/thresholds/override', 'DELETE');
    expect(ended).toMatchObject({ status: 200, body: { review: 20, block: 60, override: null } });
    expect((await high()).decision).toBe('REVIEW');
  });
});

describe('audit trail', () => {
  it('records every change with before, after, the actor and the client IP', async () => {
    const m = await newMerchant('audit');
    const entry = await addListEntry(m, { type: 'ip', value: randomIp(), action: 'block' });
    await call(m, `/api/v1/lists/${entry.id}`, 'DELETE');
    await patchRule(m, 'micro_amount', { threshold: 150 });
    await call(m, '/api/v1/settings/thresholds', 'PUT', { review: 40, block: 70 });
    await call(m, '/api/v1/settings/thresholds/override', 'POST', { review: 10, block: 20, minutes: 5 });
    await call(m, '/api/v1/settings/thresholds/override', 'DELETE');
    const rows = await owner`select action, actor_email, ip, before, after from audit_log where organization_id = ${m.orgId} order by created_at, id`;
    expect(rows.map((r) => r.action).sort()).toEqual(['list.create', 'list.delete', 'rule.update', 'thresholds.override', 'thresholds.override_end', 'thresholds.update'].sort());
    for (const r of rows) {
      expect(r.actor_email).toBe(m.email);
      expect(r.ip).toEqual(expect.any(String));
      expect(r.after).not.toBeNull();
    }
    const rule = rows.find((r) => r.action === 'rule.update')!;
    expect(rule.before).toMatchObject({ threshold: 100, version: 1 });
    expect(rule.after).toMatchObject({ threshold: 150, version: 2 });
    expect(rows.find((r) => r.action === 'thresholds.update')!.before).toMatchObject({ review: 50, block: 80 });
    expect(rows.find((r) => r.action === 'list.delete')!.after).toMatchObject({ id: entry.id, deletedAt: expect.any(String) });
  });
});

describe('tenant isolation', () => {
  it("another org sees none of this org's lists or rules, and its lists and velocity do not affect this org", async () => {
    const [a, b] = await Promise.all([newMerchant('iso-rules-a'), newMerchant('iso-rules-b')]);
    const ip = randomIp();
    const entry = await addListEntry(a, { type: 'ip', value: ip, action: 'block' });
    const ruleA = await patchRule(a, 'ip_attempts_30m', { threshold: 1 });

    expect((await b.session.json('/api/v1/lists?include=expired')).entries).toEqual([]);
    const rulesB = await rulesOf(b);
    expect(rulesB.map((r) => r.id)).not.toContain(ruleA.id);
    expect(rulesB.find((r) => r.key === 'ip_attempts_30m')).toMatchObject({ threshold: 5, version: 1 });

    // B's ingest from the IP A blocked, after A's attempts from it: A's list and A's velocity are not B's.
    await send(a, 3, () => isolated({ ip }));
    const d = await postTx(b, isolated({ ip }));
    expect(d).toMatchObject({ decision: 'ALLOW', score: 0, reasons: [] });

    expect((await call(b, `/api/v1/lists/${entry.id}`, 'DELETE')).status).toBe(404);
    expect((await call(b, `/api/v1/rules/${ruleA.id}`, 'PATCH', { threshold: 99 })).status).toBe(404);
    expect((await postTx(a, isolated({ ip }))).decision).toBe('BLOCK');
    expect((await ruleOf(a, 'ip_attempts_30m')).threshold).toBe(1);
    const [{ n }] = await owner`select count(*)::int as n from audit_log where organization_id = ${b.orgId}`;
    expect(n).toBe(0);
  });
});
