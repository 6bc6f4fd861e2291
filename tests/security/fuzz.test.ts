import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsCardNumber } from '@/lib/card-number';
import { OryloSession, readBodyTolerantly } from '@/scripts/lib/http-client';
import { BASE_URL, newMerchant, ownerSql, uniq, type Merchant } from '../helpers/env';
import { insertDetection } from '../reviews/helpers';

// Property-based fuzzing of every body that stores text, against the real
// server: card numbers in the forms people and attackers use, NUL bytes and
// random Unicode, inside otherwise valid bodies. Never a 5xx; a refusal is a
// JSON error (naming the field when a field is at fault) and writes nothing;
// and afterwards no text column of any table holds a card number.

const owner = ownerSql();
const run = uniq('fz').replace(/-/g, '');
let m: Merchant;
afterAll(() => owner.end());
beforeAll(async () => {
  m = await newMerchant(`fuzz-${run}`);
});

const PANS = ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '3530111333300000', '4000056655665556', '4242424242424242'];
const SEPARATORS = ['', ' ', '  ', '\u00a0', '\u202f', '.', '_', '/', '\t', '-', ' - ', '\u200b', '\u3000', '        ', '\n \t ', ':', '\u0301', '\u3164', '\ufe0f', '\u034f'];
const SCRIPTS = [48, 0xff10, 0x0660, 0x06f0, 0x0966];

/** A card number as someone might type it, or hide it. */
const cardForm = fc
  .record({
    pan: fc.constantFrom(...PANS),
    sep: fc.constantFrom(...SEPARATORS),
    group: fc.constantFrom(1, 4),
    zero: fc.constantFrom(...SCRIPTS),
    prefix: fc.constantFrom('', 'card ', 'customer read ', '123e4567-e89b-12d3-a456-', 'ref:'),
    suffix: fc.constantFrom('', ' used', ' exp 12/29', '!', '::', '-e89b-12d3-a456-426614174000'),
  })
  .map(({ pan, sep, group, zero, prefix, suffix }) => {
    const digits = [...pan].map((d) => String.fromCodePoint(zero + Number(d))).join('');
    const chunks = digits.match(new RegExp(`.{1,${group}}`, 'gu'))!;
    return `${prefix}${chunks.join(sep)}${suffix}`;
  });

/** Ordinary, strange and hostile text. */
const text = fc.oneof(
  { weight: 4, arbitrary: cardForm },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`) },
  { weight: 2, arbitrary: fc.constantFrom('Jane Doe', 'order 2026-11-30', 'ok', 'dev_abc', '2001:db8::1', 'pi_3Nf0aY2eZvKYlo2C') },
  // Identifiers that must pass: digests (a card fingerprint) and UUIDs, whatever digit runs they hold.
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 16, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')) },
  { weight: 1, arbitrary: fc.uuid() },
);

type TStats = { tried: number; serverErrors: number; refused: number; writtenWhenRefused: number; unnamed: number };
const stats: TStats = { tried: 0, serverErrors: 0, refused: 0, writtenWhenRefused: 0, unnamed: 0 };

/** Sends one body; checks the answer's shape (Orylo's, or Better Auth's own `{ message }` on its endpoints); returns whether it was accepted. */
async function attempt(send: () => Promise<Response>, dangerous: boolean, shape: 'orylo' | 'better-auth' | 'better-auth-any' = 'orylo'): Promise<boolean> {
  stats.tried++;
  const res = await send();
  const body = await readBodyTolerantly(res);
  if (res.status >= 500) stats.serverErrors++;
  expect(res.status, JSON.stringify(body)).toBeLessThan(500);
  if (res.status >= 400) {
    stats.refused++;
    if (shape !== 'orylo') {
      expect(body?.message, JSON.stringify(body)).toEqual(expect.any(String));
      // Better Auth's own errors carry no field: the message names it. Orylo's checks in front of it add `error.field`.
      if (dangerous && !body.error?.field && (shape === 'better-auth-any' || !/^(name|slug)\b/.test(body.message))) stats.unnamed++;
      return false;
    }
    expect(body?.error?.code, JSON.stringify(body)).toEqual(expect.any(String));
    expect(body.error.message).toEqual(expect.any(String));
    if (dangerous && !body.error.field) stats.unnamed++;
    return false;
  }
  // A card number or a NUL byte that got in would be a hole: the scan below counts them too.
  expect(dangerous, `accepted ${JSON.stringify(body).slice(0, 300)}`).toBe(false);
  return true;
}

const unsafe = (...values: unknown[]) => values.some((v) => typeof v === 'string' && (v.includes('\u0000') || containsCardNumber(v)));
const post = (session: OryloSession, path: string, body: unknown) =>
  session.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const count = async (query: Promise<{ n: number }[]>) => (await query)[0].n;

describe('fuzzing every body that stores text', () => {
  it('ingest: 1,000 bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ field: fc.constantFrom('email', 'customerId', 'deviceId', 'declineCode', 'fingerprint', 'externalSuffix'), value: text }), async ({ field, value }) => {
        const prefix = `${run}_${stats.tried}x`;
        const externalId = `${prefix}${field === 'externalSuffix' ? value : ''}`;
        const body: Record<string, unknown> = { externalId, amount: 1999, currency: 'EUR', card: { fingerprint: field === 'fingerprint' ? value : 'fp_1', bin: '424242', last4: '4242' } };
        if (field !== 'fingerprint' && field !== 'externalSuffix') body[field] = value;
        const accepted = await attempt(() => fetch(`${BASE_URL}/api/v1/transactions`, { method: 'POST', headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }), unsafe(value));
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from detections where organization_id = ${m.orgId} and starts_with(external_id, ${prefix})`);
      }),
      { numRuns: 1_000 },
    );
  });

  it('lists, API keys, rules and review notes: 900 bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ value: text, reason: text }), async ({ value, reason }) => {
        const marker = `${run}-${stats.tried}`;
        const accepted = await attempt(() => post(m.session, '/api/v1/lists', { type: 'device_id', value: `${marker} ${value}`.slice(0, 200), action: 'block', reason }), unsafe(value, reason));
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from lists where organization_id = ${m.orgId} and value like ${`${marker} %`}`);
      }),
      { numRuns: 400 },
    );
    await fc.assert(
      fc.asyncProperty(text, async (name) => {
        const before = await count(owner`select count(*)::int as n from api_keys where organization_id = ${m.orgId}`);
        const accepted = await attempt(() => post(m.session, '/api/v1/api-keys', { name }), unsafe(name));
        if (!accepted) stats.writtenWhenRefused += (await count(owner`select count(*)::int as n from api_keys where organization_id = ${m.orgId}`)) - before;
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(text, async (name) => {
        const key = `fz_${run}_${stats.tried}`.toLowerCase().slice(0, 60);
        const accepted = await attempt(() => post(m.session, '/api/v1/rules', { key, name, feature: 'ip.attempts', windowSeconds: 600, operator: '>', threshold: 1000, action: 'REVIEW', mode: 'shadow' }), unsafe(name));
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from rules where organization_id = ${m.orgId} and key = ${key}`);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(text, async (note) => {
        const { id } = await insertDetection(owner, m);
        const accepted = await attempt(() => post(m.session, `/api/v1/detections/${id}/review`, { action: 'approve', note }), unsafe(note));
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from detections where id = ${id} and review_status is not null`);
      }),
      { numRuns: 100 },
    );
  });

  it('user and organization names: 100 bodies', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (name) => {
        const email = `${run}.${stats.tried}@example.com`;
        const accepted = await attempt(() => fetch(`${BASE_URL}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE_URL }, body: JSON.stringify({ email, password: 'correct-horse-battery', name }) }), unsafe(name), 'better-auth');
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from "user" where email = ${email}`);
      }),
      { numRuns: 50 },
    );
    await fc.assert(
      fc.asyncProperty(text, async (name) => {
        const slug = `${run}-${stats.tried}`.toLowerCase();
        const accepted = await attempt(() => post(m.session, '/api/auth/organization/create', { name, slug, keepCurrentActiveOrganization: true }), unsafe(name), 'better-auth');
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from organization where slug = ${slug}`);
      }),
      { numRuns: 50 },
    );
  });

  it("Better Auth's other stored text (e-mail, image, logo, metadata, invitations): 150 bodies", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const marker = `${run}.${stats.tried}.`;
        const email = `${marker}${value}@example.com`.replace(/\s/g, '');
        const accepted = await attempt(() => fetch(`${BASE_URL}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE_URL }, body: JSON.stringify({ email, password: 'correct-horse-battery', name: 'Fuzz', image: `https://img.example/${value}` }) }), unsafe(email, value), 'better-auth-any');
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from "user" where starts_with(email, ${marker})`);
      }),
      { numRuns: 50 },
    );
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const slug = `${run}-l${stats.tried}`.toLowerCase();
        const accepted = await attempt(() => post(m.session, '/api/auth/organization/create', { name: 'Fuzz shop', slug, logo: value, metadata: { note: value }, keepCurrentActiveOrganization: true }), unsafe(value), 'better-auth-any');
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from organization where slug = ${slug}`);
      }),
      { numRuns: 50 },
    );
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const marker = `${run}.i${stats.tried}.`;
        const email = `${marker}${value}@example.com`.replace(/\s/g, '');
        const accepted = await attempt(() => post(m.session, '/api/auth/organization/invite-member', { email, role: 'viewer', organizationId: m.orgId }), unsafe(email, value), 'better-auth-any');
        if (!accepted) stats.writtenWhenRefused += await count(owner`select count(*)::int as n from invitation where starts_with(email, ${marker})`);
      }),
      { numRuns: 50 },
    );
  });

  it('afterwards, no text column of any table holds a card number, and nothing refused was written', async () => {
    const columns = (await owner`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')
        and table_name in ('detections', 'audit_log', 'lists', 'rules', 'api_keys', 'user', 'organization', 'member', 'invitation', 'session', 'detection_updates', 'attacks')
    `) as unknown as { table_name: string; column_name: string }[];
    let rows = 0;
    let withCard = 0;
    for (const { table_name: table, column_name: column } of columns) {
      const values = await owner.unsafe(`select "${column}"::text as v from "${table}" where "${column}" is not null`);
      for (const { v } of values as unknown as { v: string }[]) {
        rows++;
        if (containsCardNumber(v)) withCard++;
      }
    }
    console.info(`[fuzz] ${stats.tried} inputs tried, ${stats.refused} refused, ${stats.serverErrors} 5xx, ${stats.writtenWhenRefused} rows written for refused input, ${stats.unnamed} refusals of dangerous text without a field; ${withCard} of ${rows} stored values (${columns.length} text columns) hold a card number`);
    expect(stats.tried).toBeGreaterThanOrEqual(2_000);
    expect(stats.serverErrors).toBe(0);
    expect(stats.writtenWhenRefused).toBe(0);
    expect(withCard).toBe(0);
  });
});
