import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postTransaction } from '@/scripts/lib/http-client';
import { BASE_URL, newMerchant, ownerSql, transaction, uniq, type Merchant } from '../helpers/env';

const owner = ownerSql();
let m: Merchant;

beforeAll(async () => {
  m = await newMerchant('ingest');
});
afterAll(() => owner.end());

const rowCount = async (orgId: string) => (await owner`select count(*)::int as n from detections where organization_id = ${orgId}`)[0].n as number;

/** Sends a bad request and proves it wrote nothing. */
async function rejected(body: unknown, init: Parameters<typeof postTransaction>[3] = {}, key = m.apiKey) {
  const before = await rowCount(m.orgId);
  const res = await postTransaction(BASE_URL, key, body, init);
  expect(await rowCount(m.orgId)).toBe(before);
  expect(res.body?.error?.message, JSON.stringify(res.body)).toEqual(expect.any(String));
  return res;
}

describe('POST /api/v1/transactions', () => {
  it('scores and stores a payment attempt, in the detection shape of the contract', async () => {
    const tx = transaction({ email: 'Jane@Example.com', currency: 'eur' });
    const res = await postTransaction(BASE_URL, m.apiKey, tx);
    expect(res.status).toBe(201);
    const d = res.body.detection;
    expect(d).toMatchObject({
      externalId: tx.externalId,
      amount: 4999,
      currency: 'EUR',
      email: 'jane@example.com',
      ip: tx.ip,
      decision: 'ALLOW',
      riskLevel: 'low',
      card: { bin: '424242', last4: '4242', fingerprint: (tx.card as any).fingerprint, country: 'FR' },
      authStatus: 'authorized',
    });
    expect(d.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(d.createdAt).toISOString()).toBe(d.createdAt);
    expect(d.score).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(d.reasons)).toBe(true);
  });

  it('is idempotent on externalId: 200 with the same detection, no second row', async () => {
    const tx = transaction();
    const first = await postTransaction(BASE_URL, m.apiKey, tx);
    const before = await rowCount(m.orgId);
    const again = await postTransaction(BASE_URL, m.apiKey, { ...tx, amount: 1 });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.detection).toEqual(first.body.detection);
    expect(await rowCount(m.orgId)).toBe(before);
  });

  it('stays idempotent when the same externalId arrives concurrently', async () => {
    const tx = transaction();
    const results = await Promise.all(Array.from({ length: 8 }, () => postTransaction(BASE_URL, m.apiKey, tx)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    expect(new Set(results.map((r) => r.body.detection.id)).size).toBe(1);
    const [{ n }] = await owner`select count(*)::int as n from detections where external_id = ${tx.externalId}`;
    expect(n).toBe(1);
  });

  it('names the field at fault in validation errors', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 12.5 }, 'amount'],
      [{ amount: -1 }, 'amount'],
      [{ currency: 'EURO' }, 'currency'],
      [{ email: 'not-an-email' }, 'email'],
      [{ ip: '999.1.1.1' }, 'ip'],
      [{ card: { fingerprint: 'x', bin: '42', last4: '4242' } }, 'card.bin'],
      [{ authStatus: 'maybe' }, 'authStatus'],
      [{ externalId: '' }, 'externalId'],
      [{ custmerId: 'typo' }, ''],
    ];
    for (const [overrides, field] of cases) {
      const res = await rejected(transaction(overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
      if (field) {
        expect(res.body.error.field).toBe(field);
        expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
      } else {
        expect(res.body.error.message).toContain('custmerId');
      }
    }
    const missing = await rejected({ currency: 'EUR' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('externalId');
  });

  it('refuses a full card number in any field and never stores it', async () => {
    for (const overrides of [
      { externalId: '4242424242424242' },
      { customerId: 'card 4242 4242 4242 4242' },
      { card: { fingerprint: '5555555555554444', bin: '555555', last4: '4444' } },
      { pan: '4000056655665556' },
    ]) {
      const res = await rejected(transaction(overrides));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('card_number_refused');
      expect(res.body.error.message).toContain('card number');
    }
    const [{ n }] = await owner`select count(*)::int as n from detections d where d::text ~ '4242424242424242|5555555555554444|4000056655665556'`;
    expect(n).toBe(0);
  });

  it('401 for a missing, malformed or unknown key', async () => {
    for (const headers of [{ authorization: '' }, { authorization: 'Basic abc' }, { authorization: 'Bearer orylo_sk_' + 'x'.repeat(43) }]) {
      const res = await rejected(transaction(), { headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('401 at once for a revoked key', async () => {
    const key = await m.session.createApiKey(uniq('short-lived'));
    expect((await postTransaction(BASE_URL, key.key, transaction())).status).toBe(201);
    await m.session.json(`/api/v1/api-keys/${key.id}`, { method: 'DELETE' });
    const res = await rejected(transaction(), {}, key.key);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/revoked/);
  });

  it('415 for a non-JSON body, 400 for broken JSON, 413 past the size limit', async () => {
    const wrongType = await rejected(transaction(), { headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    const broken = await rejected(null, { raw: '{"externalId": ' });
    expect(broken.status).toBe(400);
    const huge = await rejected(null, { raw: JSON.stringify(transaction({ customerId: 'x'.repeat(40_000) })) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });
});

describe('API keys', () => {
  it('are listed without secrets and shown once at creation', async () => {
    const created = await m.session.createApiKey('listed');
    expect(created.key).toMatch(/^orylo_sk_/);
    const { apiKeys } = await m.session.json('/api/v1/api-keys');
    const listed = apiKeys.find((k: any) => k.id === created.id);
    expect(listed).toMatchObject({ name: 'listed', revokedAt: null });
    expect(JSON.stringify(apiKeys)).not.toContain(created.key);
    const [row] = await owner`select key_hash from api_keys where id = ${created.id}`;
    expect(row.key_hash).not.toContain(created.key);
  });

  it('validates the name and answers 404 for another org\'s key', async () => {
    const other = await newMerchant('keys-other');
    const res = await m.session.fetch('/api/v1/api-keys', { method: 'POST', body: JSON.stringify({ name: '' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.field).toBe('name');
    const cross = await m.session.fetch(`/api/v1/api-keys/${other.apiKeyId}`, { method: 'DELETE' });
    expect(cross.status).toBe(404);
    expect((await postTransaction(BASE_URL, other.apiKey, transaction())).status).toBe(201);
  });

  it('need a session', async () => {
    const res = await fetch(`${BASE_URL}/api/v1/api-keys`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});
