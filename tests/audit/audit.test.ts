import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSql, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { addMember, insertDetection, postReview } from '../reviews/helpers';

// GET /api/v1/audit, the entry a review writes, and audit_log being
// append-only for the app's runtime role.

const owner = ownerSql();
const app = appSql();
let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  [a, b] = await Promise.all([newMerchant('audit-a'), newMerchant('audit-b')]);
});
afterAll(() => Promise.all([owner.end(), app.end()]));

/** Audit rows straight in the database, with chosen times (several share one, to test the tie-break). */
async function insertEntries(m: Merchant, rows: { action: string; at: string }[]) {
  for (const r of rows) {
    await owner`insert into audit_log (organization_id, actor_id, actor_email, action, target_type, target_id, created_at)
                values (${m.orgId}, 'u1', 'seed@example.com', ${r.action}, 'list', ${r.action + '@' + r.at}, ${r.at}::text::timestamptz)`; // ::text: keep the microseconds (a timestamptz parameter goes through a JS Date)
  }
}

async function allPages(m: Merchant, query: string, limit: number) {
  const seen: any[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await m.session.json(`/api/v1/audit?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    seen.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe('GET /api/v1/audit', () => {
  it('a review leaves an entry with actor, IP, target, before and after', async () => {
    const d = await insertDetection(owner, a);
    const res = await postReview(a.session, d.id, { action: 'block', note: 'stolen card' }, { headers: { 'x-forwarded-for': '203.0.113.50' } });
    expect(res.status).toBe(200);
    const { entries, actions } = await a.session.json('/api/v1/audit?action=detection.review');
    const entry = entries.find((e: any) => e.targetId === d.id);
    expect(entry).toMatchObject({
      actorEmail: a.email,
      action: 'detection.review',
      targetType: 'detection',
      targetId: d.id,
      // The real address: a client's X-Forwarded-For is not believed without TRUSTED_PROXIES (tests/security/client-ip).
      ip: '127.0.0.1',
      before: { decision: 'REVIEW', review: null },
      after: { decision: 'BLOCK', review: { status: 'blocked', by: a.email, note: 'stolen card', at: res.body.detection.review.at } },
    });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(entry.createdAt).toISOString()).toBe(entry.createdAt);
    expect(actions).toContain('detection.review');
  });

  it('pages newest first through entries that share a timestamp, without gaps or repeats', async () => {
    const m = await newMerchant('audit-pages');
    const t1 = '2025-01-01T10:00:00.000001Z';
    const t2 = '2025-01-01T10:00:00.000002Z';
    await insertEntries(m, [
      { action: 'list.create', at: t1 },
      { action: 'list.create', at: t2 },
      { action: 'list.delete', at: t2 },
      { action: 'rule.update', at: t2 },
      { action: 'thresholds.override', at: t1 },
      { action: 'list.delete', at: '2025-01-01T09:00:00Z' },
    ]);
    const everything = await allPages(m, '', 50);
    expect(everything).toHaveLength(6);
    for (const limit of [1, 2, 4]) {
      const paged = await allPages(m, '', limit);
      expect(paged.map((e) => e.id), `limit ${limit}`).toEqual(everything.map((e) => e.id));
    }
    const times = everything.map((e) => e.targetId.split('@')[1]);
    expect(times).toEqual([t2, t2, t2, t1, t1, '2025-01-01T09:00:00Z']);

    const exact = await allPages(m, '&action=list.delete', 1);
    expect(exact.map((e) => e.action)).toEqual(['list.delete', 'list.delete']);
    const family = await allPages(m, '&action=list', 2);
    expect(family.map((e) => e.action).sort()).toEqual(['list.create', 'list.create', 'list.delete', 'list.delete']);
    const first = await m.session.json('/api/v1/audit');
    expect(first.actions).toEqual(['list.create', 'list.delete', 'rule.update', 'thresholds.override']);
  });

  it("shows nothing of another org's trail", async () => {
    await insertEntries(b, [{ action: 'list.create', at: new Date().toISOString() }]);
    const mine = await b.session.json('/api/v1/audit?limit=200');
    expect(mine.entries.length).toBeGreaterThan(0);
    const theirs = await a.session.json('/api/v1/audit?limit=200');
    expect(theirs.entries.some((e: any) => e.actorEmail === 'seed@example.com')).toBe(false);
    const bIds = new Set(mine.entries.map((e: any) => e.id));
    expect(theirs.entries.some((e: any) => bIds.has(e.id))).toBe(false);
  });

  it('any member may read it', async () => {
    const analyst = await addMember(a);
    const res = await analyst.session.fetch('/api/v1/audit');
    expect(res.status).toBe(200);
    expect((await res.json()).entries.length).toBeGreaterThan(0);
  });

  it('rejects a bad query with the field named, and needs a session', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=123', 'cursor'],
      ['cursor=2025-01-01T10:00:00Z_x', 'cursor'],
      ['action=DROP%20TABLE', 'action'],
      ['action=list.', 'action'],
    ];
    for (const [query, field] of cases) {
      const res = await a.session.fetch(`/api/v1/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.field).toBe(field);
    }
    expect((await fetch(`${a.session.baseUrl}/api/v1/audit`)).status).toBe(401);
  });
});

describe('audit_log is append-only for the app role', () => {
  const asOrg = <T>(orgId: string, fn: (tx: any) => Promise<T>) =>
    app.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${orgId}, true)`;
      return fn(tx);
    });

  it('may insert and read its own org rows (so the refusals below are about permissions, not RLS)', async () => {
    const rows = await asOrg(a.orgId, async (tx) => {
      await tx`insert into audit_log (organization_id, action, target_type) values (${a.orgId}, 'test.insert', 'test')`;
      return tx`select action from audit_log where organization_id = ${a.orgId} and action = 'test.insert'`;
    });
    expect(rows.length).toBeGreaterThan(0);
  });

  for (const [verb, statement] of [
    ['UPDATE', (tx: any, orgId: string) => tx`update audit_log set action = 'tampered' where organization_id = ${orgId}`],
    ['DELETE', (tx: any, orgId: string) => tx`delete from audit_log where organization_id = ${orgId}`],
    ['TRUNCATE', (tx: any) => tx`truncate audit_log`],
  ] as const) {
    it(`${verb} fails with a permission error`, async () => {
      const before = await owner`select count(*)::int as n, count(*) filter (where action = 'tampered')::int as tampered from audit_log where organization_id = ${a.orgId}`;
      expect(before[0].n).toBeGreaterThan(0);
      const error: any = await asOrg(a.orgId, (tx) => statement(tx, a.orgId)).catch((e) => e);
      expect(error, 'the statement should have failed').toBeInstanceOf(Error);
      expect(error.code).toBe('42501'); // insufficient_privilege
      expect(error.message).toMatch(/permission denied for table audit_log/);
      const after = await owner`select count(*)::int as n, count(*) filter (where action = 'tampered')::int as tampered from audit_log where organization_id = ${a.orgId}`;
      expect(after).toEqual(before);
    });
  }

  it('detection_updates is append-only too', async () => {
    for (const statement of [
      (tx: any) => tx`update detection_updates set detection_id = gen_random_uuid() where organization_id = ${a.orgId}`,
      (tx: any) => tx`delete from detection_updates where organization_id = ${a.orgId}`,
    ]) {
      const error: any = await asOrg(a.orgId, statement).catch((e) => e);
      expect(error?.code).toBe('42501');
    }
  });
});
