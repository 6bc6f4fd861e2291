import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OryloSession } from '@/scripts/lib/http-client';
import { newMerchant, ownerSql, uniq, type Merchant } from '../helpers/env';
import { addMember } from '../reviews/helpers';

// Saved views (GET|POST /api/v1/views, DELETE /api/v1/views/:id) through
// HTTP, with the table checked as the owner: who sees which view, who may
// delete it, and that bad input writes nothing.

const owner = ownerSql();
afterAll(() => owner.end());

let m: Merchant;
let other: Merchant;
let analyst: OryloSession;
let admin: OryloSession;
let viewer: OryloSession;

beforeAll(async () => {
  [m, other] = await Promise.all([newMerchant('views'), newMerchant('views-other')]);
  analyst = (await addMember(m, 'analyst', 'Ana Lyst')).session;
  admin = (await addMember(m, 'admin', 'Ad Min')).session;
  viewer = (await addMember(m, 'viewer', 'Vi Ewer')).session;
}, 60_000);

const save = (s: OryloSession, body: unknown) => s.fetch('/api/v1/views', { method: 'POST', body: JSON.stringify(body) });
const list = async (s: OryloSession) => (await s.json('/api/v1/views')).views as any[];
const rowCount = async (orgId: string) => Number((await owner`select count(*)::int as n from saved_views where organization_id = ${orgId}`)[0].n);

describe('saved views', () => {
  it('keeps the filters as the list parses them, private unless shared, mine first', async () => {
    const res = await save(analyst, { name: 'Card testing', filters: { email: 'Buyer@Example.COM', minScore: '70', rule: 'card_testing' }, shared: false });
    expect(res.status).toBe(201);
    const { view } = await res.json();
    expect(view).toMatchObject({ name: 'Card testing', shared: false, mine: true, filters: { email: 'buyer@example.com', minScore: 70, rule: 'card_testing' } });
    expect(view.createdBy.name).toBe('Ana Lyst');
    const shared = (await (await save(analyst, { name: 'Blocked, high score', filters: { decision: 'block', minScore: '90' }, shared: true })).json()).view;
    const adminOwn = (await (await save(admin, { name: 'Admin private', filters: { decision: 'REVIEW' } })).json()).view;

    const seenByAnalyst = await list(analyst);
    expect(seenByAnalyst.map((v) => v.name)).toEqual(['Blocked, high score', 'Card testing']);
    const seenByViewer = await list(viewer);
    expect(seenByViewer.map((v) => [v.name, v.mine])).toEqual([['Blocked, high score', false]]);
    expect((await list(admin)).map((v) => v.name)).toEqual(['Admin private', 'Blocked, high score']);
    // Another organization sees none of them, and cannot delete them.
    expect(await list(other.session)).toEqual([]);
    expect((await other.session.fetch(`/api/v1/views/${shared.id}`, { method: 'DELETE' })).status).toBe(404);

    // A view's filters are the list's parameters: they answer as a list query.
    const params = new URLSearchParams(Object.entries(shared.filters).map(([k, v]) => [k, String(v)]));
    expect((await analyst.fetch(`/api/v1/detections?${params}`)).status).toBe(200);

    const [audit] = await owner`select action, actor_email from audit_log where organization_id = ${m.orgId} and target_id = ${adminOwn.id}`;
    expect(audit.action).toBe('view.create');
  });

  it('refuses a second view of the same name (any case) with a 409, and writes nothing', async () => {
    expect((await save(analyst, { name: 'Dup', filters: {} })).status).toBe(201);
    const before = await rowCount(m.orgId);
    const res = await save(analyst, { name: 'DUP', filters: { decision: 'ALLOW' } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain('already have a view named');
    expect(await rowCount(m.orgId)).toBe(before);
    // Another analyst may use the name.
    expect((await save(admin, { name: 'Dup', filters: {} })).status).toBe(201);
  });

  it.each([
    [{ name: 'x', filters: { minScore: '101' } }, 'filters.minScore'],
    [{ name: 'x', filters: { minScore: '80', maxScore: '10' } }, 'filters.maxScore'],
    [{ name: 'x', filters: { cardfingerprint: 'fp' } }, 'filters'],
    [{ name: 'x', filters: { rule: 'score_threshold' } }, 'filters.rule'],
    [{ name: '', filters: {} }, 'name'],
    [{ name: 'y'.repeat(81), filters: {} }, 'name'],
    [{ filters: {} }, 'name'],
    [{ name: 'x', filters: {}, shared: 'yes' }, 'shared'],
    [{ name: 'x', filters: {}, owner: 'me' }, undefined],
    [{ name: 'Card 4111 1111 1111 1111', filters: {} }, 'name'],
    [{ name: 'x', filters: { customerId: '4111111111111111' } }, 'filters.customerId'],
    [{ name: 'a\u0000b', filters: {} }, 'name'],
  ])('400 for %j, naming %s, and no row', async (body, field) => {
    const before = await rowCount(m.orgId);
    const res = await save(analyst, body);
    expect(res.status).toBe(400);
    const error = (await res.json()).error;
    if (field) expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
    expect(await rowCount(m.orgId)).toBe(before);
  });

  it('a viewer may read shared views but not save one', async () => {
    const before = await rowCount(m.orgId);
    const res = await save(viewer, { name: 'Mine', filters: {} });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('analyst or admin or owner');
    expect(await rowCount(m.orgId)).toBe(before);
  });

  it('deletes: mine yes; another analyst’s private one is a 404; a shared one needs an admin', async () => {
    const mine = (await (await save(analyst, { name: uniq('mine'), filters: {} })).json()).view;
    const adminPrivate = (await (await save(admin, { name: uniq('admin-private'), filters: {} })).json()).view;
    const shared = (await (await save(admin, { name: uniq('admin-shared'), filters: {}, shared: true })).json()).view;
    const analystShared = (await (await save(analyst, { name: uniq('analyst-shared'), filters: {}, shared: true })).json()).view;

    expect((await analyst.fetch(`/api/v1/views/${adminPrivate.id}`, { method: 'DELETE' })).status).toBe(404);
    const forbidden = await analyst.fetch(`/api/v1/views/${shared.id}`, { method: 'DELETE' });
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.message).toContain('admin or owner');
    expect((await analyst.fetch(`/api/v1/views/${mine.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin.fetch(`/api/v1/views/${analystShared.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await analyst.fetch(`/api/v1/views/${mine.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await analyst.fetch('/api/v1/views/not-a-uuid', { method: 'DELETE' })).status).toBe(404);

    const left = (await owner`select id from saved_views where id in ${owner([mine.id, adminPrivate.id, shared.id, analystShared.id])}`).map((r) => r.id);
    expect(left.sort()).toEqual([adminPrivate.id, shared.id].sort());
    const [audit] = await owner`select actor_email from audit_log where action = 'view.delete' and target_id = ${analystShared.id}`;
    expect(audit.actor_email).toContain('@');
  });
});
