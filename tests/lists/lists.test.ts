import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { addListEntry, call, randomIp } from '../rules/helpers';

// POST/GET/DELETE /api/v1/lists: shapes, validation (400 naming the field,
// nothing written), replacement of an identical entry, and auth.

const owner = ownerSql();
let m: Merchant;
beforeAll(async () => {
  m = await newMerchant('lists');
});
afterAll(() => owner.end());

const counts = async () => {
  const [r] = await owner`select
      (select count(*)::int from lists where organization_id = ${m.orgId}) as lists,
      (select count(*)::int from audit_log where organization_id = ${m.orgId}) as audit`;
  return r;
};

describe('/api/v1/lists', () => {
  it('creates an entry (201), lists it newest first, and replaces an identical live entry', async () => {
    const ip = randomIp();
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const first = await addListEntry(m, { type: 'ip', value: ip, action: 'block', reason: 'burst of declines', expiresAt });
    expect(first).toMatchObject({ id: expect.any(String), type: 'ip', value: ip, action: 'block', reason: 'burst of declines', expiresAt, expired: false, createdBy: m.email });
    const second = await addListEntry(m, { type: 'ip', value: ip, action: 'block', reason: 'still attacking' });
    expect(second.expiresAt).toBeNull();
    const { entries } = await m.session.json('/api/v1/lists');
    const forIp = entries.filter((e: any) => e.value === ip);
    expect(forIp.map((e: any) => e.id)).toEqual([second.id]);
    // An allow entry for the same value is a different entry (block beats it at ingest).
    const allow = await addListEntry(m, { type: 'ip', value: ip, action: 'allow' });
    expect((await m.session.json('/api/v1/lists')).entries.slice(0, 2).map((e: any) => e.id)).toEqual([allow.id, second.id]);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const ok = { type: 'ip', value: '203.0.113.9', action: 'block' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, type: 'phone' }, 'type'],
      [{ ...ok, value: '999.1.1.1' }, 'value'],
      [{ ...ok, value: '' }, 'value'],
      [{ ...ok, type: 'card_bin', value: '12345' }, 'value'],
      [{ ...ok, type: 'card_bin', value: '123456789' }, 'value'],
      [{ ...ok, type: 'email', value: 'nobody' }, 'value'],
      [{ ...ok, type: 'device_id', value: 'd'.repeat(201) }, 'value'],
      [{ type: 'ip', action: 'block' }, 'value'],
      [{ ...ok, action: 'deny' }, 'action'],
      [{ ...ok, expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
      [{ ...ok, expiresAt: 'next week' }, 'expiresAt'],
      [{ ...ok, reason: 'r'.repeat(501) }, 'reason'],
    ];
    const before = await counts();
    for (const [body, field] of cases) {
      const res = await call(m, '/api/v1/lists', 'POST', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
      expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
    }
    const unknown = await call(m, '/api/v1/lists', 'POST', { ...ok, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('colour');
    for (const [body, field] of [
      [{ type: 'card_fingerprint', value: '4242 4242 4242 4242', action: 'block' }, 'value'],
      [{ type: 'card_bin', value: '424242', action: 'block', reason: 'used 4000056655665556' }, 'reason'],
    ] as const) {
      const res = await call(m, '/api/v1/lists', 'POST', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'card_number_refused', field });
      expect(JSON.stringify(res.body)).not.toMatch(/4242 4242 4242 4242|4000056655665556/);
    }
    expect((await m.session.fetch('/api/v1/lists', { method: 'POST', body: 'type=ip', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await call(m, '/api/v1/lists', 'POST', '{"type": ')).status).toBe(400);
    expect(await counts()).toEqual(before);
    const [{ n }] = await owner`select count(*)::int as n from lists where value ~ '4242|4000056655665556' or reason ~ '4000056655665556'`;
    expect(n).toBe(0);
  });

  it('answers 400 for an unknown include and 404 for an unknown or malformed id', async () => {
    const bad = await call(m, '/api/v1/lists?include=everything', 'GET');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('include');
    expect((await call(m, '/api/v1/lists/00000000-0000-4000-8000-000000000000', 'DELETE')).status).toBe(404);
    expect((await call(m, '/api/v1/lists/not-an-id', 'DELETE')).status).toBe(404);
  });

  it('needs a session', async () => {
    expect((await fetch(`${BASE_URL}/api/v1/lists`)).status).toBe(401);
    const res = await fetch(`${BASE_URL}/api/v1/lists`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
  });
});
