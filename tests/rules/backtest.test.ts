import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrgTransaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { backtestRule } from '@/lib/rules/backtest';
import { ZBacktestSchema } from '@/lib/rules/backtest-schema';
import { newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { addMember } from '../reviews/helpers';
import { call, ruleOf } from './helpers';

// The backtest against real PostgreSQL on history with planted patterns: every
// figure is compared with a ground truth computed here independently, one
// correlated count per detection "as of its own time" (rows at the same instant
// count in the order they were written), never from the window functions the
// backtest uses.

const owner = ownerSql();
afterAll(() => owner.end());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = Date.now() - 2 * DAY;
const from = new Date(T - 3 * DAY);
const to = new Date(T + HOUR);
const at = (ms: number) => new Date(ms).toISOString();

let m: Merchant;
let replacedRuleId: string;

/** Detections written straight into the table (an import): the backtest must read them as any other. */
async function seed(orgId: string, ipAttemptsRuleId: string) {
  const base = `insert into detections (organization_id, external_id, amount, currency, email, ip, card_fingerprint, card_bin, card_last4, card_country, ip_country,
      auth_status, score, risk_level, decision, reasons, label, created_at)`;
  // Ordinary shoppers over three days: a few repeat customers, some abroad, some declined, a few confirmed genuine.
  await owner.unsafe(`${base}
    select $1, 'ord_' || i, 1000 + (i * 37) % 20000, case when i % 5 = 0 then 'USD' else 'EUR' end, 'o' || (i % 150) || '@shop.example',
      '198.51.100.' || (i % 200), 'fp_o_' || i, '424242', '4242', case when i % 7 = 0 then 'US' else 'FR' end, case when i % 11 = 0 then 'DE' else 'FR' end,
      case when i % 9 = 0 then 'declined' else 'authorized' end, 0, 'low', 'ALLOW', '[]', case when i % 13 = 0 then 'legit' end,
      $2::timestamptz - (i * 641 % 259200) * interval '1 second'
    from generate_series(1, 400) i`, [orgId, at(T)]);
  // A card-testing run from one IP: 60 attempts in 20 minutes, cards repeating, mostly declined, some charged back.
  await owner.unsafe(`${base}
    select $1, 'atk_' || i, 100 + i, 'EUR', 'tester' || (i % 3) || '@mail.example', '203.0.113.66', 'fp_a_' || (i % 45), '411111', '1111', 'US', 'FR',
      case when i % 3 <> 0 then 'declined' else 'authorized' end, 0, 'low',
      case when i < 6 then 'ALLOW' when i < 20 then 'REVIEW' else 'BLOCK' end, '[]', case when i % 4 = 0 then 'fraud' end,
      $2::timestamptz + i * interval '20 seconds'
    from generate_series(0, 59) i`, [orgId, at(T - DAY)]);
  // Ten attempts written in one statement: one instant, counted in the order written.
  await owner.unsafe(`${base}
    select $1, 'tie_' || i, 2500, 'EUR', null, '192.0.2.9', 'fp_t_' || i, '555555', '4444', 'FR', 'FR', 'authorized', 0, 'low', 'ALLOW', '[]', null, $2::timestamptz
    from generate_series(1, 10) i`, [orgId, at(T - 12 * HOUR)]);
  // History before the window counts: 8 attempts in the 10 minutes before from, then 2 inside it.
  await owner.unsafe(`${base}
    select $1, 'hist_' || i, 900, 'EUR', null, '203.0.113.77', 'fp_h_' || i, '601100', '0004', 'FR', 'FR', 'authorized', 0, 'low', 'ALLOW', '[]', null,
      $2::timestamptz + i * interval '1 minute'
    from generate_series(-10, 2) i where i not in (-1, 0, -9)`, [orgId, at(from.getTime())]);
  // Only later rows would make this IP match: one attempt just before to, twenty after it.
  await owner.unsafe(`${base}
    select $1, 'late_' || i, 700, 'EUR', null, '203.0.113.88', 'fp_l_' || i, '353011', '0000', 'FR', 'JP', 'authorized', 0, 'low', 'ALLOW', '[]', null,
      $2::timestamptz + case when i = 0 then interval '-5 minutes' else i * interval '1 minute' end
    from generate_series(0, 20) i`, [orgId, at(to.getTime())]);
  // Reviewed because ip_attempts_30m fired (its reason stored): replacing that rule can change them.
  await owner.unsafe(`${base}
    select $1, 'rev_' || i, 3100, 'EUR', null, '198.18.0.' || i, 'fp_r_' || i, '510510', '5100', 'FR', 'FR', 'authorized', 0, 'low', 'REVIEW',
      jsonb_build_array(jsonb_build_object('code', 'ip_attempts_30m', 'message', '6 attempts → REVIEW', 'ruleId', $3::text, 'action', 'REVIEW', 'mode', 'active', 'decisive', true)),
      null, $2::timestamptz - i * interval '1 hour'
    from generate_series(1, 7) i`, [orgId, at(T), ipAttemptsRuleId]);
}

type TTruth = { matched: number; fraudMatched: number; fraudTotal: number; legitMatched: number; legitTotal: number; byDecision: Record<string, number> };

/**
 * The ground truth: each velocity value counted by a correlated subquery over
 * the rows of the same key at or before the row (by time, then write order).
 */
async function truth(orgId: string, condition: string): Promise<TTruth> {
  const asOf = (key: string, seconds: number, agg: string) => `(select ${agg} from detections x where x.organization_id = r.organization_id and x.${key} = r.${key}
      and x.created_at > r.created_at - interval '${seconds} seconds' and (x.created_at < r.created_at or (x.created_at = r.created_at and x.seq <= r.seq)))`;
  const expanded = condition.replace(/\{(\w+):(\d+):(\w+)\}/g, (_, key: string, seconds: string, metric: string) => {
    const aggs: Record<string, string> = {
      attempts: 'count(*)',
      distinct: 'count(distinct x.card_fingerprint)',
      declines: "count(*) filter (where x.auth_status = 'declined')",
      sum: 'coalesce(sum(x.amount), 0)',
      ratio: "case when count(*) >= 4 then (count(*) filter (where x.auth_status = 'declined'))::float8 / count(*) end",
    };
    return asOf(key, Number(seconds), aggs[metric]);
  });
  const rows = await owner.unsafe(
    `select r.decision, r.label, coalesce((${expanded}), false) as matched from detections r
     where r.organization_id = $1 and r.created_at >= $2 and r.created_at < $3`,
    [orgId, from.toISOString(), to.toISOString()],
  );
  const matched = rows.filter((r) => r.matched);
  const byDecision: Record<string, number> = {};
  for (const r of matched) byDecision[r.decision] = (byDecision[r.decision] ?? 0) + 1;
  return {
    matched: matched.length,
    fraudMatched: matched.filter((r) => r.label === 'fraud').length,
    fraudTotal: rows.filter((r) => r.label === 'fraud').length,
    legitMatched: matched.filter((r) => r.label === 'legit').length,
    legitTotal: rows.filter((r) => r.label === 'legit').length,
    byDecision,
  };
}

async function backtest(rule: Record<string, unknown>, window = { from: from.toISOString(), to: to.toISOString() }) {
  const res = await call(m, '/api/v1/rules/backtest', 'POST', { rule, ...window });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

function expectFigures(result: Record<string, any>, t: TTruth) {
  expect(result.matched).toBe(t.matched);
  expect(result.labels).toEqual({ fraud: { matched: t.fraudMatched, total: t.fraudTotal }, legit: { matched: t.legitMatched, total: t.legitTotal } });
  const precision = t.fraudMatched + t.legitMatched ? t.fraudMatched / (t.fraudMatched + t.legitMatched) : null;
  expect(result.precision === null ? null : result.precision).toBe(precision === null ? null : Math.round(precision * 10_000) / 10_000);
  const recall = t.fraudTotal ? t.fraudMatched / t.fraudTotal : null;
  expect(result.recall).toBe(recall === null ? null : Math.round(recall * 10_000) / 10_000);
}

/** Every match moved from its stored decision to `to` (what a rule deciding alone does, with no list or other reason). */
const changesTo = (to: string, t: TTruth) =>
  Object.fromEntries(Object.entries(t.byDecision).filter(([d]) => d !== to).map(([d, n]) => [`${d}->${to}`, n]));

/** The tables a backtest could conceivably write to, and their sizes. */
async function footprint(orgId: string) {
  const [row] = await owner`select
      (select count(*) from detections where organization_id = ${orgId})::int as detections,
      (select coalesce(sum(version), 0) from rules where organization_id = ${orgId})::int as rule_versions,
      (select count(*) from rules where organization_id = ${orgId})::int as rules,
      (select count(*) from audit_log where organization_id = ${orgId})::int as audit,
      (select count(*) from lists where organization_id = ${orgId})::int as lists,
      (select count(*) from detection_updates where organization_id = ${orgId})::int as updates`;
  return row;
}

beforeAll(async () => {
  m = await newMerchant('backtest');
  replacedRuleId = (await ruleOf(m, 'ip_attempts_30m')).id;
  await seed(m.orgId, replacedRuleId);
});

describe('backtest', () => {
  it('counts distinct cards per IP as of each detection, with the decisions a BLOCK rule would have changed', async () => {
    const before = await footprint(m.orgId);
    const result = await backtest({ feature: 'ip.distinct_cards', windowSeconds: 600, operator: '>', threshold: 3, action: 'BLOCK' });
    const t = await truth(m.orgId, '{ip:600:distinct} > 3');
    expect(t.matched).toBeGreaterThan(20);
    expectFigures(result, t);
    expect(result.evaluated).toBe(Number((await owner`select count(*) from detections where organization_id = ${m.orgId} and created_at >= ${from} and created_at < ${to}`)[0].count));
    // Nothing else decided these rows (no lists, no stored reasons): a BLOCK rule blocks every match.
    expect(result.decisionChanges).toEqual(changesTo('BLOCK', t));
    expect(result.examples.length).toBe(20);
    expect(result.examples[0]).toMatchObject({ wouldBe: 'BLOCK', decision: expect.stringMatching(/ALLOW|REVIEW/), observed: expect.any(Number) });
    expect(result.assumptions).toMatchObject({ lists: 'now', thresholds: { review: 50, block: 80 } });
    expect(await footprint(m.orgId)).toEqual(before);
  });

  it('evaluates a compound rule part by part, with one observed value per comparison', async () => {
    const condition = {
      all: [
        { feature: 'ip.attempts', windowSeconds: 1800, operator: '>=', threshold: 5 },
        { any: [{ feature: 'amount', operator: '<', threshold: 500 }, { feature: 'country_mismatch', operator: 'is', threshold: true }] },
      ],
    };
    const result = await backtest({ condition, action: 'REVIEW' });
    const t = await truth(m.orgId, `{ip:1800:attempts} >= 5 and (r.amount < 500 or (r.card_country is not null and r.ip_country is not null and r.card_country <> r.ip_country))`);
    expect(t.matched).toBeGreaterThan(10);
    expectFigures(result, t);
    expect(result.decisionChanges).toEqual(changesTo('REVIEW', t));
    expect(result.examples[0].observed).toEqual([expect.any(Number), expect.any(Number), expect.any(Boolean)]);
  });

  it('matches a decline ratio, an amount total per email and the codes of the attempt as a ground truth does', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ feature: 'ip.decline_ratio', windowSeconds: 1800, operator: '>', threshold: 0.5, action: 'SCORE', scoreDelta: 60 }, '{ip:1800:ratio} > 0.5'],
      [{ feature: 'email.amount_sum', windowSeconds: 86_400, operator: '>', threshold: 15_000, action: 'BLOCK' }, '{email:86400:sum} > 15000'],
      [{ feature: 'card.declines', windowSeconds: 3600, operator: '>=', threshold: 2, action: 'BLOCK' }, '{card_fingerprint:3600:declines} >= 2'],
      [{ condition: { all: [{ feature: 'currency', operator: 'not_in', threshold: ['EUR'] }, { feature: 'card_country', operator: 'in', threshold: ['US'] }] }, action: 'SCORE', scoreDelta: 90 },
        "r.currency <> 'EUR' and r.card_country = 'US'"],
      // Distinct cards on a key that is not the first: its stream does not carry the row's columns.
      [{ condition: { any: [{ feature: 'email.attempts', windowSeconds: 3600, operator: '>=', threshold: 3 }, { feature: 'bin.distinct_cards', windowSeconds: 600, operator: '>', threshold: 3 }] }, action: 'REVIEW' },
        '{email:3600:attempts} >= 3 or {card_bin:600:distinct} > 3'],
    ];
    for (const [rule, condition] of cases) {
      const result = await backtest(rule);
      const t = await truth(m.orgId, condition);
      expect(t.matched, condition).toBeGreaterThan(0);
      expectFigures(result, t);
    }
    // +60 points alone reach the review threshold (50), not the block one (80).
    const ratio = await backtest(cases[0][0]);
    expect(Object.keys(ratio.decisionChanges).every((k) => k.endsWith('->REVIEW'))).toBe(true);
  });

  it('counts history before the window as live did, and never counts later rows', async () => {
    const history = await backtest({ condition: { all: [{ feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 5 }, { feature: 'card_country', operator: 'in', threshold: ['FR'] }] }, action: 'REVIEW' });
    const t = await truth(m.orgId, "{ip:1800:attempts} > 5 and r.card_country = 'FR'");
    expectFigures(history, t);
    expect(history.examples.map((e: { externalId: string }) => e.externalId).filter((id: string) => id.startsWith('hist_')).sort()).toEqual(['hist_1', 'hist_2']);

    const late = await backtest({ condition: { all: [{ feature: 'ip.attempts', windowSeconds: 3600, operator: '>=', threshold: 2 }, { feature: 'ip_country', operator: 'in', threshold: ['JP'] }] }, action: 'BLOCK' });
    expect(late.matched).toBe(0);
    // The same rule over a window that holds the later rows does match them.
    const wider = await backtest({ condition: { all: [{ feature: 'ip.attempts', windowSeconds: 3600, operator: '>=', threshold: 2 }, { feature: 'ip_country', operator: 'in', threshold: ['JP'] }] }, action: 'BLOCK' },
      { from: from.toISOString(), to: new Date().toISOString() });
    expect(wider.matched).toBe(20);
  });

  it('counts rows written at one instant in the order they were written', async () => {
    const result = await backtest({ condition: { all: [{ feature: 'ip.distinct_cards', windowSeconds: 600, operator: '>=', threshold: 7 }, { feature: 'amount', operator: '>=', threshold: 2500 }] }, action: 'BLOCK' });
    const t = await truth(m.orgId, '{ip:600:distinct} >= 7 and r.amount >= 2500');
    expectFigures(result, t);
    expect(result.examples.filter((e: { externalId: string }) => e.externalId.startsWith('tie_')).length).toBe(4);
  });

  it('replacing a rule: the detections it decided lose its decision when the new version does not fire', async () => {
    const result = await backtest({ id: replacedRuleId, feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 1000, action: 'REVIEW' });
    expect(result.matched).toBe(0);
    expect(result.decisionChanges).toEqual({ 'REVIEW->ALLOW': 7 });
    // A block entry made since decides as it would now.
    await call(m, '/api/v1/lists', 'POST', { type: 'ip', value: '198.18.0.3', action: 'block', reason: 'since' });
    const withList = await backtest({ id: replacedRuleId, feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 1000, action: 'REVIEW' });
    expect(withList.decisionChanges).toEqual({ 'REVIEW->ALLOW': 6, 'REVIEW->BLOCK': 1 });
  });

  it('refuses bad input with the field at fault, a viewer with 403, and writes nothing', async () => {
    const viewer = await addMember(m, 'viewer');
    const before = await footprint(m.orgId);
    const cases: [unknown, string][] = [
      [{ rule: { condition: { all: [{ feature: 'currency', operator: '>', threshold: 3 }] }, action: 'BLOCK' }, from: from.toISOString() }, 'rule.condition.all[0].operator'],
      [{ rule: { feature: 'ip.attempts', operator: '>', threshold: 3, action: 'BLOCK' }, from: from.toISOString() }, 'rule.windowSeconds'],
      [{ rule: { feature: 'amount', operator: '>', threshold: 3, action: 'BLOCK' }, from: to.toISOString(), to: from.toISOString() }, 'from'],
      [{ rule: { feature: 'amount', operator: '>', threshold: 3, action: 'BLOCK' }, from: new Date(Date.now() - 200 * DAY).toISOString() }, 'from'],
      [{ rule: { feature: 'amount', operator: '>', threshold: 3, action: 'BLOCK' }, from: 'last week' }, 'from'],
      [{ rule: { feature: 'amount', operator: '>', threshold: 3, action: 'SCORE' }, from: from.toISOString() }, 'rule.scoreDelta'],
    ];
    for (const [body, field] of cases) {
      const res = await call(m, '/api/v1/rules/backtest', 'POST', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    const unknown = await call(m, '/api/v1/rules/backtest', 'POST', { rule: { id: '00000000-0000-4000-8000-000000000000', feature: 'amount', operator: '>', threshold: 3, action: 'BLOCK' }, from: from.toISOString() });
    expect(unknown.status).toBe(404);
    const refused = await viewer.session.fetch('/api/v1/rules/backtest', { method: 'POST', body: JSON.stringify({ rule: { feature: 'amount', operator: '>', threshold: 3, action: 'BLOCK' }, from: from.toISOString() }) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('analyst');
    expect(await footprint(m.orgId)).toEqual(before);
  });

  it('runs one backtest per organization at a time: a second is a 429 while the first holds the lock', async () => {
    const holder = await owner.reserve();
    try {
      await holder`select pg_advisory_lock(hashtext('orylo.backtest'), hashtext(${m.orgId}))`;
      const busy = await call(m, '/api/v1/rules/backtest', 'POST', { rule: { feature: 'amount', operator: '>', threshold: 3, action: 'BLOCK' }, from: from.toISOString() });
      expect(busy.status).toBe(429);
      expect(busy.body.error.message).toContain('Another backtest');
    } finally {
      await holder`select pg_advisory_unlock(hashtext('orylo.backtest'), hashtext(${m.orgId}))`;
      holder.release();
    }
    expect((await call(m, '/api/v1/rules/backtest', 'POST', { rule: { feature: 'amount', operator: '>', threshold: 3, action: 'BLOCK' }, from: from.toISOString() })).status).toBe(200);
  });

  it('answers query_too_slow (422) within its budget instead of partial counts', async () => {
    const input = ZBacktestSchema.parse({ rule: { feature: 'ip.distinct_cards', windowSeconds: 3600, operator: '>', threshold: 3, action: 'BLOCK' }, from: from.toISOString() });
    const started = Date.now();
    const error = await withOrgTransaction(m.orgId, (db) => backtestRule({ db, orgId: m.orgId, input, timeoutMs: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect((error as AppError).message).toContain('narrower window');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
