import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@/db/client';
import { findDetections } from '@/lib/detections';
import { appUrl, newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';

// GET /api/v1/detections with DESIGN.md's filters, each checked against the
// same question asked of the table in SQL, on ordinary traffic planted around
// the rows of interest (and the same values in another organization), walked
// page by page so that the keyset cursor is tested too.

const owner = ownerSql();
const app = createDatabase(appUrl(), { max: 1 });
afterAll(() => Promise.all([owner.end(), app.sql.end()]));

const H = 3600_000;
const REASON = (code: string) => ({ code, message: `${code} fired`, mode: 'active' });
const THRESHOLD = { code: 'score_threshold', message: 'Score < review threshold', mode: 'active' };

type TPlant = {
  ip?: string;
  email?: string;
  fp?: string;
  bin?: string;
  customer?: string;
  device?: string;
  externalId?: string;
  decision?: 'ALLOW' | 'REVIEW' | 'BLOCK';
  score?: number;
  amount?: number;
  codes?: string[];
  review?: 'approved' | 'blocked';
  at: Date;
};

/** Rows straight into the table (as an import would), several per statement so that they share created_at. */
async function plant(m: Merchant, rows: TPlant[]): Promise<void> {
  const values = rows.map((r) => ({
    organization_id: m.orgId,
    external_id: r.externalId ?? uniq('f'),
    amount: r.amount ?? 5000,
    currency: 'EUR',
    email: r.email ?? null,
    ip: r.ip ?? null,
    customer_id: r.customer ?? null,
    device_id: r.device ?? null,
    card_fingerprint: r.fp ?? null,
    card_bin: r.bin ?? null,
    card_last4: r.fp ? '4242' : null,
    score: r.score ?? 10,
    risk_level: 'low',
    decision: r.decision ?? 'ALLOW',
    reasons: owner.json([...(r.codes ?? []).map(REASON), THRESHOLD]),
    review_status: r.review ?? null,
    reviewed_at: r.review ? r.at : null,
    created_at: r.at,
  }));
  await owner`insert into detections ${owner(values)}`;
}

/** Every page of the API's answer, following nextCursor; fails on a 4xx. */
async function walk(m: Merchant, query: string, limit = 7): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: any = await m.session.json(`/api/v1/detections?limit=${limit}&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    ids.push(...page.detections.map((d: any) => d.id));
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(200);
  } while (cursor);
  return { ids, pages };
}

/** The same question asked of the table, newest first in the list's order. */
async function truth(orgId: string, where: string, params: unknown[] = []): Promise<string[]> {
  const rows = await owner.unsafe(`select id from detections d where organization_id = $1 and (${where}) order by created_at desc, seq desc`, [orgId, ...params] as any[]);
  return rows.map((r) => r.id);
}

let a: Merchant;
let b: Merchant;
const ip = '198.51.100.23';
const email = `${uniq('buyer')}@example.com`;
const fp = uniq('fp');
const customer = uniq('cus');
const device = uniq('dev');
const now = Date.now();
const at = (hoursAgo: number) => new Date(now - hoursAgo * H);

beforeAll(async () => {
  [a, b] = await Promise.all([newMerchant('filters-a'), newMerchant('filters-b')]);
  // Ordinary shoppers: 120 rows over 10 days, every value different.
  const ordinary: TPlant[] = Array.from({ length: 120 }, (_, i) => ({
    ip: `203.0.113.${i % 250}`,
    email: `shopper${i}@example.net`,
    fp: uniq('ofp'),
    bin: String(400000 + (i % 50)),
    customer: `cus_ordinary_${i}`,
    device: `dev_ordinary_${i}`,
    amount: 1000 + i * 37,
    score: (i * 7) % 60,
    codes: i % 10 === 0 ? ['ip_velocity_1h'] : [],
    decision: i % 15 === 0 ? 'REVIEW' : 'ALLOW',
    at: at(i * 2),
  }));
  // The pattern under investigation: one IP, one card, one customer; 30 rows over 3 days, 12 in one statement (shared created_at).
  const attack: TPlant[] = Array.from({ length: 30 }, (_, i) => ({
    ip,
    email: i % 2 ? email : undefined,
    fp: i % 3 ? fp : undefined,
    bin: '535353',
    customer: i % 5 ? customer : undefined,
    device,
    amount: i % 4 === 0 ? 499_900 : 100 + i,
    score: 50 + i,
    codes: i % 2 ? ['card_testing', 'ip_velocity_1h'] : ['card_testing'],
    decision: i % 6 === 0 ? 'BLOCK' : i % 3 === 0 ? 'REVIEW' : 'ALLOW',
    review: i === 3 ? 'approved' : i === 9 ? 'blocked' : undefined,
    at: i < 12 ? at(1) : at(i * 2),
  }));
  await plant(a, ordinary);
  await plant(a, attack.slice(0, 12));
  await plant(a, attack.slice(12));
  // The same values in another organization: never part of a's answers.
  await plant(b, attack.map((r) => ({ ...r, externalId: uniq('b') })));
}, 60_000);

describe('filters', () => {
  const cases: [string, string, string, unknown[]][] = [
    ['no filter', '', 'true', []],
    ['decision', 'decision=review', "decision = 'REVIEW'", []],
    ['ip', `ip=${ip}`, 'ip = $2', [ip]],
    ['email (any case)', `email=${encodeURIComponent(email.toUpperCase())}`, 'email = $2', [email]],
    ['cardFingerprint', `cardFingerprint=${fp}`, 'card_fingerprint = $2', [fp]],
    ['bin', 'bin=535353', "card_bin = '535353'", []],
    ['customerId', `customerId=${customer}`, 'customer_id = $2', [customer]],
    ['deviceId', `deviceId=${device}`, 'device_id = $2', [device]],
    ['rule', 'rule=card_testing', `reasons @> '[{"code":"card_testing"}]'`, []],
    ['rule shared with ordinary traffic', 'rule=ip_velocity_1h', `reasons @> '[{"code":"ip_velocity_1h"}]'`, []],
    ['rule that never fired', 'rule=never_fired', 'false', []],
    ['reviewStatus pending', 'reviewStatus=pending', "decision = 'REVIEW' and review_status is null", []],
    ['reviewStatus approved', 'reviewStatus=approved', "review_status = 'approved'", []],
    ['reviewStatus blocked', 'reviewStatus=blocked', "review_status = 'blocked'", []],
    ['score range', 'minScore=55&maxScore=70', 'score between 55 and 70', []],
    ['amount range', 'minAmount=400000&maxAmount=499900', 'amount between 400000 and 499900', []],
    ['time window', `from=${at(30).toISOString()}&to=${at(5).toISOString()}`, 'created_at >= $2 and created_at < $3', [at(30), at(5)]],
    ['ip + decision + rule', `ip=${ip}&decision=ALLOW&rule=ip_velocity_1h`, `ip = $2 and decision = 'ALLOW' and reasons @> '[{"code":"ip_velocity_1h"}]'`, [ip]],
    ['rule + amount + window', `rule=card_testing&minAmount=400000&from=${at(10).toISOString()}`, `reasons @> '[{"code":"card_testing"}]' and amount >= 400000 and created_at >= $2`, [at(10)]],
  ];

  it.each(cases)('%s: exactly the rows SQL finds, newest first, across pages', async (_, query, where, params) => {
    const expected = await truth(a.orgId, where, params);
    const { ids } = await walk(a, query);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    if (where !== 'false' && where !== 'true') expect(expected.length).toBeGreaterThan(0);
  });

  it('finds one payment by externalId, and nothing of another org', async () => {
    const [row] = await owner`select id, external_id from detections where organization_id = ${a.orgId} limit 1`;
    expect((await walk(a, `externalId=${row.external_id}`)).ids).toEqual([row.id]);
    expect((await walk(b, `externalId=${row.external_id}`)).ids).toEqual([]);
  });

  it('keeps each org to its own rows for the same values', async () => {
    const idsA = (await walk(a, `ip=${ip}`)).ids;
    const idsB = (await walk(b, `ip=${ip}`)).ids;
    expect(idsA).toHaveLength(30);
    expect(idsB).toHaveLength(30);
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
  });

  it('finds a rule on rows from the API, and forgets it when the row is deleted', async () => {
    const m = await newMerchant('filters-live');
    await m.session.post('/api/v1/lists', { type: 'ip', value: '192.0.2.44', action: 'block' });
    await postTx(m, { ip: '192.0.2.45' });
    const detection = await postTx(m, { ip: '192.0.2.44' });
    const codes = (detection.reasons as { code: string }[]).map((r) => r.code).filter((c) => c !== 'score_threshold');
    expect(codes).toContain('list_block');
    for (const code of codes) expect((await walk(m, `rule=${code}`)).ids).toEqual([detection.id]);
    await plant(m, [{ codes: ['direct_sql'], at: at(0) }]);
    expect((await walk(m, 'rule=direct_sql')).ids).toHaveLength(1);
    await owner`delete from detections where organization_id = ${m.orgId}`;
    const [left] = await owner`select count(*)::int as n from detection_reason_codes where organization_id = ${m.orgId}`;
    expect(left.n).toBe(0);
  });

  it('pages have no gap and no duplicate while detections keep arriving through the API', async () => {
    const m = await newMerchant('filters-busy');
    const busyIp = '192.0.2.88';
    for (let i = 0; i < 4; i++) await plant(m, Array.from({ length: 15 }, (_, j) => ({ ip: busyIp, codes: ['busy'], at: at(10 - i - j / 100) })));
    const before = await truth(m.orgId, 'ip = $2', [busyIp]);
    let arriving = true;
    const arrivals = (async () => {
      let n = 0;
      while (arriving) {
        await postTx(m, { ip: n % 2 ? busyIp : '192.0.2.89' });
        n++;
      }
      return n;
    })();
    const seen = { all: [] as string[], filtered: [] as string[], rule: [] as string[] };
    try {
      seen.all = (await walk(m, '', 4)).ids;
      seen.filtered = (await walk(m, `ip=${busyIp}`, 4)).ids;
      seen.rule = (await walk(m, 'rule=busy', 4)).ids;
    } finally {
      arriving = false;
    }
    expect(await arrivals).toBeGreaterThan(0);
    for (const ids of Object.values(seen)) expect(new Set(ids).size).toBe(ids.length);
    // Every row that was there when the walk began is seen, in order; arrivals sit in front of them.
    expect(seen.filtered.filter((id) => before.includes(id))).toEqual(before);
    expect(seen.rule).toEqual(before);
    expect(seen.all.filter((id) => before.includes(id))).toEqual(before);
  });

  it('an IPv6 address matches however it is written', async () => {
    const m = await newMerchant('filters-v6');
    const sent = await postTx(m, { ip: '2001:DB8:0:0::7' });
    expect((await walk(m, 'ip=2001:db8::7')).ids).toEqual([sent.id]);
    expect((await walk(m, `ip=${encodeURIComponent('2001:0DB8::0:7')}`)).ids).toEqual([sent.id]);
  });
});

describe('bad input is a 400 that names the parameter', () => {
  it.each([
    ['decision=MAYBE', 'decision'],
    ['ip=999.1.1.1', 'ip'],
    ['email=not-an-email', 'email'],
    ['bin=42', 'bin'],
    ['rule=score_threshold', 'rule'],
    ["rule=x'%20or%201=1", 'rule'],
    ['reviewStatus=done', 'reviewStatus'],
    ['minScore=-1', 'minScore'],
    ['maxScore=101', 'maxScore'],
    ['minScore=80&maxScore=20', 'maxScore'],
    ['minAmount=1e3', 'minAmount'],
    ['minAmount=500&maxAmount=100', 'maxAmount'],
    ['from=yesterday', 'from'],
    ['from=2026-02-30T10:00:00Z', 'from'],
    ['from=2026-11-30T10:00:00Z&to=2026-11-29T10:00:00Z', 'to'],
    ['cursor=123', 'cursor'],
    ['cursor=2026-13-45T10:00:00.000000Z_12', 'cursor'],
    [`customerId=${'x'.repeat(129)}`, 'customerId'],
    ['deviceId=a%00b', 'deviceId'],
  ])('%s', async (query, field) => {
    const res = await a.session.fetch(`/api/v1/detections?${query}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.field).toBe(field);
    expect(body.error.message).toMatch(/must|at most|score_threshold|cursor|a bin/i);
  });

  it('an unknown parameter is named, with the list of the real ones', async () => {
    const res = await a.session.fetch('/api/v1/detections?cardfingerprint=x');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toContain('"cardfingerprint"');
    expect(body.error.message).toContain('cardFingerprint');
  });
});

describe('a filtered page that cannot be found in time', () => {
  it('is refused with query_too_slow (422) naming how to narrow it, not left running', async () => {
    const m = await newMerchant('filters-slow');
    await owner`insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons)
                select ${m.orgId}, 'slow-' || g, 100, 'EUR', g % 50, 'low', 'ALLOW', '[]' from generate_series(1, 20000) g`;
    // A score band ALLOW never has: the time index is walked to the end. With a 1 ms budget it cannot finish.
    const attempt = app.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.org_id', ${m.orgId}, true)`);
      return findDetections({ db: tx, orgId: m.orgId, limit: 50, filters: { decision: 'ALLOW', minScore: 90 }, timeoutMs: 1 });
    });
    await expect(attempt).rejects.toMatchObject({ code: 'query_too_slow', status: 422, message: expect.stringContaining('add a time window') });
    // The same question with the normal budget answers (nothing matches).
    const page = await app.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.org_id', ${m.orgId}, true)`);
      return findDetections({ db: tx, orgId: m.orgId, limit: 50, filters: { decision: 'ALLOW', minScore: 90 } });
    });
    expect(page.detections).toEqual([]);
  });
});
