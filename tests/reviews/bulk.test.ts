import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, uniq, type Merchant } from '../helpers/env';
import { addMember, call, insertDetection } from './helpers';

// POST /api/v1/reviews/bulk against the real server and database: by ids, by
// IP, by incident; per-item results; one transaction; a 400 changes nothing.

const owner = ownerSql();
let m: Merchant;
let ana: Awaited<ReturnType<typeof addMember>>;
beforeAll(async () => {
  m = await newMerchant('bulk');
  ana = await addMember(m, 'member', 'Ana');
});
afterAll(() => owner.end());

const bulk = (session: Merchant['session'], body: unknown) => call(session, 'POST', '/api/v1/reviews/bulk', body);
const rows = (ids: string[]) => owner`select id, decision, review_status, review_verdict, reviewed_by, xmin::text as xmin from detections where id in ${owner(ids)}`;
const auditsOf = async (ids: string[]) => (await owner`select target_id, after from audit_log where target_id in ${owner(ids)}`) as any[];
// A fresh address per test: a random one could repeat an earlier test's (they share the merchant).
let nextHost = 10;
const ip = () => `203.0.113.${nextHost++}`;

describe('POST /api/v1/reviews/bulk', () => {
  it('by ids: reviews the pending ones in one transaction and says why each other one was skipped', async () => {
    const pending = [await insertDetection(owner, m), await insertDetection(owner, m), await insertDetection(owner, m)];
    const reviewed = await insertDetection(owner, m, { reviewStatus: 'approved', reviewedBy: 'carol@example.com' });
    const held = await insertDetection(owner, m);
    await call(ana.session, 'POST', `/api/v1/detections/${held.id}/claim`);
    const unknown = randomUUID();
    const ids = [...pending.map((d) => d.id), reviewed.id, held.id, unknown, pending[0].id];

    const res = await bulk(m.session, { ids, action: 'block', verdict: 'fraud', note: 'same ring' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ reviewed: 3, skipped: 3 });
    const byId = new Map(res.body.results.map((r: any) => [r.id, r]));
    expect(res.body.results).toHaveLength(6);
    for (const d of pending) expect(byId.get(d.id)).toMatchObject({ result: 'reviewed', detection: { decision: 'BLOCK', review: { verdict: 'fraud', note: 'same ring' } } });
    expect(byId.get(reviewed.id)).toMatchObject({ result: 'already_reviewed' });
    expect((byId.get(reviewed.id) as any).message).toContain('already approved by carol@example.com');
    expect(byId.get(held.id)).toMatchObject({ result: 'claimed' });
    expect((byId.get(held.id) as any).message).toContain(`Claimed by Ana (${ana.email}) until`);
    expect(byId.get(unknown)).toMatchObject({ result: 'not_found' });

    const after = await rows(pending.map((d) => d.id));
    expect(after.every((r) => r.decision === 'BLOCK' && r.review_status === 'blocked' && r.review_verdict === 'fraud')).toBe(true);
    expect(new Set(after.map((r) => r.xmin)).size).toBe(1);
    const audits = await auditsOf(pending.map((d) => d.id));
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.after.via === 'bulk:selection' && a.after.review.verdict === 'fraud')).toBe(true);
    expect((await rows([held.id]))[0].review_status).toBeNull();
  });

  it('by IP: every pending item from that IP, and nothing else', async () => {
    const addr = ip();
    const fromIp = [await insertDetection(owner, m, { ip: addr }), await insertDetection(owner, m, { ip: addr })];
    const elsewhere = await insertDetection(owner, m, { ip: '198.51.100.200' });
    const done = await insertDetection(owner, m, { ip: addr, reviewStatus: 'blocked' });
    const res = await bulk(ana.session, { ip: addr, action: 'approve', verdict: 'genuine' });
    expect(res.status).toBe(200);
    expect(res.body.reviewed).toBe(2);
    expect(res.body.results.map((r: any) => r.id).sort()).toEqual(fromIp.map((d) => d.id).sort());
    expect((await rows([elsewhere.id, done.id])).map((r) => r.review_status).sort()).toEqual(['blocked', null]);
    expect((await auditsOf([fromIp[0].id]))[0].after.via).toBe(`bulk:ip:${addr}`);
  });

  it('by incident: the pending attempts attributed to it within its span, as its page counts them', async () => {
    const addr = ip();
    const [attack] = await owner`
      insert into attacks (organization_id, status, started_at, last_attempt_at, indicators)
      values (${m.orgId}, 'open', now() - interval '1 hour', now(), ${owner.json({ ips: [addr], devices: [], bins: [], failures: false })})
      returning id`;
    const inside = [await insertDetection(owner, m, { ip: addr, ageSeconds: 600 }), await insertDetection(owner, m, { ip: addr })];
    const before = await insertDetection(owner, m, { ip: addr, ageSeconds: 7_200 });
    const shopper = await insertDetection(owner, m, { ip: '198.51.100.201', ageSeconds: 60 });
    const res = await bulk(m.session, { attackId: attack.id, action: 'block', verdict: 'fraud' });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.id).sort()).toEqual(inside.map((d) => d.id).sort());
    expect((await rows([before.id, shopper.id])).map((r) => r.review_status)).toEqual([null, null]);

    const other = await newMerchant('bulk-other');
    const foreign = await bulk(other.session, { attackId: attack.id, action: 'block', verdict: 'fraud' });
    expect(foreign.status).toBe(404);
    expect((await bulk(m.session, { attackId: randomUUID(), action: 'block', verdict: 'fraud' })).status).toBe(404);
  });

  it('a 400 changes nothing: over 500 items, no verdict, two selectors, no selector', async () => {
    const addr = ip();
    await owner`
      insert into detections (organization_id, external_id, amount, currency, ip, score, risk_level, decision, reasons)
      select ${m.orgId}, ${uniq('many')} || '-' || g, 100, 'EUR', ${addr}, 60, 'high', 'REVIEW', '[]'::jsonb from generate_series(1, 501) g`;
    const one = await insertDetection(owner, m);
    const cases: [unknown, RegExp][] = [
      [{ ip: addr, action: 'block', verdict: 'fraud' }, /More than 500 items pending from/],
      [{ ids: Array.from({ length: 501 }, () => randomUUID()), action: 'block', verdict: 'fraud' }, /At most 500/],
      [{ ids: [one.id], action: 'block' }, /verdict/],
      [{ ids: [one.id], ip: addr, action: 'block', verdict: 'fraud' }, /exactly one of/],
      [{ action: 'block', verdict: 'fraud' }, /exactly one of/],
      [{ ids: [one.id], action: 'refund', verdict: 'fraud' }, /action/],
    ];
    for (const [body, message] of cases) {
      const res = await bulk(m.session, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const [{ n }] = await owner`select count(*)::int as n from detections where organization_id = ${m.orgId} and ip = ${addr} and review_status is not null`;
    expect(n).toBe(0);
    expect((await rows([one.id]))[0].review_status).toBeNull();
  });

  it('at the cap: 500 pending items from one IP are blocked in one transaction, each with its audit entry', async () => {
    const addr = ip();
    const [{ count }] = await owner`
      with made as (
        insert into detections (organization_id, external_id, amount, currency, ip, score, risk_level, decision, reasons)
        select ${m.orgId}, ${uniq('cap')} || '-' || g, 100, 'EUR', ${addr}, 60, 'high', 'REVIEW', '[]'::jsonb from generate_series(1, 500) g
        returning 1)
      select count(*)::int as count from made`;
    expect(count).toBe(500);
    const t0 = Date.now();
    const res = await bulk(ana.session, { ip: addr, action: 'block', verdict: 'fraud' });
    const ms = Date.now() - t0;
    expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(200);
    expect(res.body.reviewed).toBe(500);
    console.log(`[reviews] bulk block of 500 items took ${ms} ms`);
    const [{ n, tx }] = await owner`select count(*)::int as n, count(distinct xmin::text)::int as tx from detections where organization_id = ${m.orgId} and ip = ${addr} and review_status = 'blocked'`;
    expect({ n, tx }).toEqual({ n: 500, tx: 1 });
    const [{ audits }] = await owner`select count(*)::int as audits from audit_log where organization_id = ${m.orgId} and after->>'via' = ${`bulk:ip:${addr}`}`;
    expect(audits).toBe(500);
  });

  it('viewers get a 403 naming the role; another org reviews nothing of this one', async () => {
    const viewer = await addMember(m, 'viewer');
    const d = await insertDetection(owner, m);
    const res = await bulk(viewer.session, { ids: [d.id], action: 'approve', verdict: 'genuine' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('analyst');
    const other = await newMerchant('bulk-tenant');
    const foreign = await bulk(other.session, { ids: [d.id], action: 'approve', verdict: 'genuine' });
    expect(foreign.body.results[0]).toMatchObject({ id: d.id, result: 'not_found' });
    expect((await rows([d.id]))[0].review_status).toBeNull();
  });
});
