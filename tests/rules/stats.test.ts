import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { addListEntry, call, isolated, randomIp, reasonOf } from './helpers';

// GET /api/v1/rules/:id/stats against an independent count over the
// detections themselves: rows ingested through the API and written by hand,
// reviewed and labelled after the rule follower has counted them, over the
// three windows, another organization's rows never counted.

const owner = ownerSql();
afterAll(() => owner.end());

const WINDOWS = ['24h', '7d', '30d'] as const;
type TWindow = (typeof WINDOWS)[number];

let m: Merchant;
let other: Merchant;
let ruleId: string;
let shadowRuleId: string;
const KEY = `stats_big_${Math.random().toString(36).slice(2, 8)}`;
const SHADOW_KEY = `${KEY}_sh`;

/** What the answer must say, counted over detections with SQL written apart from lib/rules/stats.ts. */
async function expected(orgId: string, key: string, from: string, to: string) {
  const [r] = await owner`
    with fired as (
      select d.*,
        exists (select 1 from jsonb_array_elements(d.reasons) e where e->>'code' = ${key}) as active,
        exists (select 1 from jsonb_array_elements(d.reasons) e where e->>'code' = ${key} and (e->>'decisive')::boolean) as decisive,
        case when d.review_status is null then d.decision else 'REVIEW' end as scored
      from detections d
      where d.organization_id = ${orgId} and d.created_at >= ${from} and d.created_at < ${to}
        and exists (select 1 from jsonb_array_elements(d.reasons || d.shadow) e where e->>'code' = ${key})
    )
    select count(*)::int as fires, count(*) filter (where not active)::int as shadow,
      count(*) filter (where decisive)::int as decided,
      count(*) filter (where scored = 'ALLOW')::int as allow, count(*) filter (where scored = 'REVIEW')::int as review,
      count(*) filter (where scored = 'BLOCK')::int as block,
      count(*) filter (where review_status = 'approved')::int as approved, count(*) filter (where review_status = 'blocked')::int as blocked,
      count(*) filter (where scored = 'REVIEW' and review_status is null)::int as pending,
      count(*) filter (where label = 'fraud')::int as fraud, count(*) filter (where label = 'legit')::int as legit
    from fired`;
  return {
    fires: r.fires,
    shadowFires: r.shadow,
    decisions: { ALLOW: r.allow, REVIEW: r.review, BLOCK: r.block },
    decided: r.decided,
    reviews: { approved: r.approved, blocked: r.blocked, pending: r.pending },
    labels: { fraud: r.fraud, legit: r.legit },
    precision: r.fraud + r.legit === 0 ? null : r.fraud / (r.fraud + r.legit),
  };
}

async function statsOf(id: string, window: TWindow, who = m) {
  const res = await call(who, `/api/v1/rules/${id}/stats?window=${window}`, 'GET');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function expectExact(id: string, key: string) {
  const answers = [];
  for (const window of WINDOWS) {
    const s = await statsOf(id, window);
    expect(s).toMatchObject({ ruleId: id, key, window });
    const { ruleId: _r, key: _k, window: _w, from, to, ...figures } = s;
    expect(figures, `${key} ${window}`).toEqual(await expected(m.orgId, key, from, to));
    answers.push(s);
  }
  return answers;
}

/** Until the rule follower has read every detection and change of the org (the server's follower runs every second). */
async function followerCaughtUp(orgId: string) {
  for (let i = 0; i < 100; i++) {
    const [{ behind }] = await owner`
      select (select count(*) from detections d where d.organization_id = ${orgId} and (d.tx_id, d.seq) > (s.det_tx, s.det_seq))
        + (select count(*) from rule_rollup_changes c where c.organization_id = ${orgId} and (c.tx_id, c.seq) > (s.chg_tx, s.chg_seq)) as behind
      from rule_rollup_state s`;
    if (Number(behind) === 0) return;
    if (behind === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the rule follower did not catch up in 20 s');
}

/** A detection written by hand, as an import would, `ageHours` ago. */
async function insertRow(orgId: string, o: { reasons?: object[]; shadow?: object[]; decision: string; reviewStatus?: string; label?: string; ageHours: number }) {
  const externalId = uniq('imp');
  await owner`
    insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons, shadow, review_status, label, created_at)
    values (${orgId}, ${externalId}, 150000, 'EUR', 50, 'medium', ${o.decision}, ${owner.json((o.reasons ?? []) as never)}, ${owner.json((o.shadow ?? []) as never)},
            ${o.reviewStatus ?? null}, ${o.label ?? null}, now() - make_interval(secs => ${o.ageHours * 3600}))`;
  return externalId;
}

const fire = (code: string, extra: object = {}) => ({ code, message: `${code} fired`, action: 'REVIEW', mode: 'active', ...extra });

beforeAll(async () => {
  [m, other] = await Promise.all([newMerchant('rule-stats'), newMerchant('rule-stats-other')]);
  // Above 1,000.00 → REVIEW; a shadow twin above 2,000.00 → BLOCK. Below the default rules' 5,000.00.
  const rule = { name: 'Big amount', feature: 'amount', operator: '>', threshold: 100_000 };
  const created = await call(m, '/api/v1/rules', 'POST', { ...rule, key: KEY, action: 'REVIEW' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  ruleId = created.body.rule.id;
  const shadow = await call(m, '/api/v1/rules', 'POST', { ...rule, key: SHADOW_KEY, threshold: 200_000, action: 'BLOCK', mode: 'shadow' });
  expect(shadow.status, JSON.stringify(shadow.body)).toBe(201);
  shadowRuleId = shadow.body.rule.id;
  // The other org has a rule of the same key, firing on its own rows.
  expect((await call(other, '/api/v1/rules', 'POST', { ...rule, key: KEY, action: 'REVIEW' })).status).toBe(201);
}, 60_000);

describe('rule stats', () => {
  it('count every fire, decision, review and label exactly, over 24 h, 7 d and 30 d, before and after the follower', async () => {
    const big = [];
    for (let i = 0; i < 6; i++) big.push(await postTx(m, isolated({ amount: 150_000 })));
    const bigger = [await postTx(m, isolated({ amount: 300_000 })), await postTx(m, isolated({ amount: 300_000 }))];
    const quiet = [await postTx(m, isolated({ amount: 5_000 })), await postTx(m, isolated({ amount: 5_000 }))];
    for (const d of [...big, ...bigger]) {
      expect(d.decision).toBe('REVIEW');
      expect(reasonOf(d, KEY)).toMatchObject({ decisive: true });
    }
    expect(reasonOf(bigger[0], SHADOW_KEY)).toBeUndefined(); // in `shadow`, not in the reasons
    expect(reasonOf(quiet[0], KEY)).toBeUndefined();
    // A list decides: the rule still fired, reported in `shadow`.
    const blockedIp = randomIp();
    await addListEntry(m, { type: 'ip', value: blockedIp, action: 'block' });
    const listed = await postTx(m, isolated({ ip: blockedIp, amount: 150_000 }));
    expect(listed.decision).toBe('BLOCK');
    // Written by hand: a decisive BLOCK 2 h ago, a reviewed one 3 days ago, a shadow fire 20 days ago, one 40 days ago (no window).
    const handWritten = await insertRow(m.orgId, { reasons: [fire(KEY, { action: 'BLOCK', decisive: true })], decision: 'BLOCK', label: 'fraud', ageHours: 2 });
    await insertRow(m.orgId, { reasons: [fire(KEY, { decisive: true })], decision: 'ALLOW', reviewStatus: 'approved', label: 'legit', ageHours: 72 });
    await insertRow(m.orgId, { reasons: [fire('other_rule')], shadow: [fire(KEY, { mode: 'shadow' })], decision: 'ALLOW', label: 'fraud', ageHours: 20 * 24 });
    await insertRow(m.orgId, { reasons: [fire(KEY, { decisive: true })], decision: 'REVIEW', ageHours: 40 * 24 });
    // Another org's rows of the same code: in every window, never counted here.
    await postTx(other, isolated({ amount: 150_000 }));
    await insertRow(other.orgId, { reasons: [fire(KEY, { decisive: true })], decision: 'REVIEW', label: 'fraud', ageHours: 1 });

    // Read at once (most rows past the follower's cursor), then once it has read them all.
    await expectExact(ruleId, KEY);
    await followerCaughtUp(m.orgId);
    const [day, week, month] = await expectExact(ruleId, KEY);
    expect(day.fires).toBe(10); // 6 + 2 + the listed one + the hand-written one 2 h ago
    expect(day.shadowFires).toBe(1);
    expect(week.fires).toBe(11);
    expect(month).toMatchObject({ fires: 12, shadowFires: 2 });

    // Reviews and labels after the follower counted the rows: they follow at once.
    const review = (id: string, action: string) => call(m, `/api/v1/detections/${id}/review`, 'POST', { action });
    const label = (id: string, type: string) => call(m, `/api/v1/detections/${id}/events`, 'POST', { type });
    for (const [id, action] of [[big[0].id, 'approve'], [big[1].id, 'approve'], [big[2].id, 'block'], [bigger[0].id, 'block']]) {
      expect((await review(id, action)).status).toBe(200);
    }
    for (const [id, type] of [[big[2].id, 'chargeback'], [bigger[0].id, 'fraud_confirmed'], [big[0].id, 'legit_confirmed'], [quiet[0].id, 'chargeback'], [listed.id, 'early_fraud_warning']]) {
      expect((await label(id, type)).status).toBe(201);
    }
    // The latest labelling event wins: a fraud turned legit.
    expect((await label(big[1].id, 'chargeback')).status).toBe(201);
    expect((await label(big[1].id, 'legit_confirmed')).status).toBe(201);
    const [after] = await expectExact(ruleId, KEY);
    expect(after.reviews).toEqual({ approved: 2, blocked: 2, pending: 4 });
    expect(after.decisions).toEqual({ ALLOW: 0, REVIEW: 8, BLOCK: 2 });
    expect(after.labels).toEqual({ fraud: 4, legit: 2 });
    expect(after.precision).toBeCloseTo(4 / 6);
    expect(after.decided).toBe(9);

    // A label changed by hand (an import, a fix in SQL) is followed too: the trigger records it, not the API.
    await owner`update detections set label = 'legit' where organization_id = ${m.orgId} and external_id = ${handWritten}`;
    const [fixed] = await expectExact(ruleId, KEY);
    expect(fixed.labels).toEqual({ fraud: 3, legit: 3 });
    await followerCaughtUp(m.orgId);
    expect((await expectExact(ruleId, KEY))[0].precision).toBe(0.5);

    // The shadow-mode rule: fires from `shadow`, never decisive.
    const [shadowDay] = await expectExact(shadowRuleId, SHADOW_KEY);
    expect(shadowDay).toMatchObject({ fires: 2, shadowFires: 2, decided: 0, labels: { fraud: 1, legit: 0 }, precision: 1 });

    // The other org sees its own fires only.
    const theirs = (await call(other, '/api/v1/rules', 'GET')).body.rules.find((r: { key: string }) => r.key === KEY);
    expect(await statsOf(theirs.id, '24h', other)).toMatchObject({ fires: 2, labels: { fraud: 1, legit: 0 } });
  }, 120_000);

  it('answer whole hours ending with the current one', async () => {
    const s = await statsOf(ruleId, '7d');
    const [from, to] = [Date.parse(s.from), Date.parse(s.to)];
    expect(to % 3_600_000).toBe(0);
    expect(to - from).toBe(7 * 24 * 3_600_000);
    expect(to).toBeGreaterThan(Date.now() - 1000);
    expect(to - Date.now()).toBeLessThanOrEqual(3_600_000);
    // No window: the rules page's week.
    expect((await call(m, `/api/v1/rules/${ruleId}/stats`, 'GET')).body.window).toBe('7d');
  });

  it('refuse a bad window with a 400 naming it, and an unknown or foreign rule with a 404', async () => {
    const bad = await call(m, `/api/v1/rules/${ruleId}/stats?window=90d`, 'GET');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^window: /);
    const theirs = (await call(other, '/api/v1/rules', 'GET')).body.rules[0];
    for (const id of [crypto.randomUUID(), theirs.id, 'not-a-uuid']) {
      expect((await call(m, `/api/v1/rules/${id}/stats?window=24h`, 'GET')).status, id).toBe(404);
    }
  });
});
