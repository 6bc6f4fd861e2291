import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OryloSession } from '@/scripts/lib/http-client';
import { newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { addMember } from '../reviews/helpers';
import { call, isolated } from './helpers';

// Snoozing one rule for one customer (README, "Snoozing a rule for one
// customer") against the real server and PostgreSQL: it stops deciding only
// for its entity, is reported in shadow, expires by itself, is audited, is
// refused to viewers and to bad input with nothing written, and stays inside
// its organization.

const owner = ownerSql();
let m: Merchant;
let analyst: { session: OryloSession; email: string };
let viewer: { session: OryloSession; email: string };
let ruleId: string;
const RULE_KEY = 'big_amount_block';
const AMOUNT = 4500;

type TSnoozeView = { id: string; ruleId: string; ruleKey: string; entityType: string; entityValue: string; reason: string; expiresAt: string; createdBy: string; endedAt: string | null };

const callAs = async (session: OryloSession, path: string, method: string, body?: unknown) => call({ session } as Merchant, path, method, body);
const snoozeBody = (entityValue: string, overrides: Record<string, unknown> = {}) => ({ entityType: 'email', entityValue, duration: '24h', reason: 'Known wholesale buyer, orders by phone', ...overrides });

async function snooze(session: OryloSession, body: Record<string, unknown>, rule = ruleId): Promise<TSnoozeView> {
  const res = await callAs(session, `/api/v1/rules/${rule}/snoozes`, 'POST', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.snooze;
}

async function snoozesOf(session: OryloSession, query = ''): Promise<TSnoozeView[]> {
  const res = await callAs(session, `/api/v1/snoozes${query}`, 'GET');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.snoozes;
}

const countRows = async (orgId: string) => (await owner`select count(*)::int as n from rule_snoozes where organization_id = ${orgId}`)[0].n as number;
const auditRows = (orgId: string, id: string) =>
  owner`select action, actor_email, target_type, before, after from audit_log where organization_id = ${orgId} and target_id = ${id} order by created_at, action`;

async function customRule(merchant: Merchant): Promise<string> {
  const res = await call(merchant, '/api/v1/rules', 'POST', { key: RULE_KEY, name: 'Big amounts blocked', feature: 'amount', operator: '>', threshold: 4000, action: 'BLOCK' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.rule.id;
}

beforeAll(async () => {
  m = await newMerchant('snooze');
  ruleId = await customRule(m);
  [analyst, viewer] = [await addMember(m, 'analyst'), await addMember(m, 'viewer')];
}, 60_000);
afterAll(() => owner.end());

describe('snoozing a rule for one entity', () => {
  it('stops the rule deciding for that email only; it is still evaluated and reported in shadow, and audited', async () => {
    const email = `${uniq('vip')}@example.com`;
    expect(await postTx(m, isolated({ email, amount: AMOUNT }))).toMatchObject({ decision: 'BLOCK', reasons: [expect.objectContaining({ code: RULE_KEY, decisive: true })] });

    const s = await snooze(analyst.session, snoozeBody(email.toUpperCase()));
    expect(s).toMatchObject({ ruleId, ruleKey: RULE_KEY, entityType: 'email', entityValue: email, createdBy: analyst.email, endedAt: null, reason: 'Known wholesale buyer, orders by phone' });
    expect(Math.abs(Date.parse(s.expiresAt) - (Date.now() + 86_400_000))).toBeLessThan(60_000);

    // The snoozed email, even with another card: the rule reports, in shadow, and decides nothing.
    const snoozed = await postTx(m, isolated({ email, amount: AMOUNT }));
    expect(snoozed).toMatchObject({ decision: 'ALLOW', score: 0, reasons: [] });
    const until = `${s.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
    expect(snoozed.shadow[0].message.endsWith(`→ BLOCK (snoozed for email ${email} until ${until}: Known wholesale buyer, orders by phone)`)).toBe(true);
    expect(snoozed.shadow).toEqual([
      expect.objectContaining({
        code: RULE_KEY, ruleId, mode: 'shadow', action: 'BLOCK',
        message: expect.stringMatching(/^Amount .+ → BLOCK \(snoozed for email /),
      }),
      expect.objectContaining({ code: 'snooze_decision', mode: 'shadow', action: 'BLOCK', message: 'Without the snooze the decision would be BLOCK (score 0) instead of ALLOW (score 0)' }),
    ]);

    // Another email, and the rule's other actions for the snoozed one, are untouched.
    expect(await postTx(m, isolated({ amount: AMOUNT }))).toMatchObject({ decision: 'BLOCK', reasons: [expect.objectContaining({ code: RULE_KEY })], shadow: [] });

    // Listed, by rule and by entity (in any spelling of the email), to every role.
    expect((await snoozesOf(viewer.session, `?ruleId=${ruleId}`)).map((x) => x.id)).toContain(s.id);
    expect((await snoozesOf(m.session, `?entityType=email&entityValue=${encodeURIComponent(email.toUpperCase())}`)).map((x) => x.id)).toEqual([s.id]);
    expect(await snoozesOf(m.session, `?entityType=email&entityValue=${encodeURIComponent(`${uniq('nobody')}@example.com`)}`)).toEqual([]);

    const audit = await auditRows(m.orgId, s.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'rule_snooze.create', actor_email: analyst.email, target_type: 'rule_snooze', before: null, after: expect.objectContaining({ id: s.id, ruleId, entityValue: email, reason: s.reason }) })]);
  });

  it('a snooze for a card leaves the same rule deciding for another card of the same email', async () => {
    const email = `${uniq('card')}@example.com`;
    const fingerprint = uniq('fp-snoozed');
    await snooze(analyst.session, snoozeBody(fingerprint, { entityType: 'card_fingerprint', duration: '1h' }));
    const onCard = await postTx(m, isolated({ email, amount: AMOUNT, card: { fingerprint, bin: '535353', last4: '4444' } }));
    expect(onCard.decision).toBe('ALLOW');
    expect(onCard.shadow[0].message).toContain(`(snoozed for card fingerprint ${fingerprint} until`);
    expect((await postTx(m, isolated({ email, amount: AMOUNT }))).decision).toBe('BLOCK');
  });

  it('a second live snooze for the same rule and entity is a 409; ending it early is audited and the rule decides again', async () => {
    const email = `${uniq('end')}@example.com`;
    const s = await snooze(analyst.session, snoozeBody(email));
    const again = await callAs(analyst.session, `/api/v1/rules/${ruleId}/snoozes`, 'POST', snoozeBody(email, { duration: '7d' }));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`already snoozed for email ${email}`);

    const ended = await callAs(analyst.session, `/api/v1/snoozes/${s.id}`, 'DELETE');
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.snooze).toMatchObject({ id: s.id, endedAt: expect.any(String) });
    expect((await callAs(analyst.session, `/api/v1/snoozes/${s.id}`, 'DELETE')).status).toBe(409);
    expect((await snoozesOf(m.session, `?ruleId=${ruleId}`)).map((x) => x.id)).not.toContain(s.id);
    expect((await postTx(m, isolated({ email, amount: AMOUNT }))).decision).toBe('BLOCK');

    const audit = await auditRows(m.orgId, s.id);
    expect(audit.map((a) => a.action)).toEqual(['rule_snooze.create', 'rule_snooze.end']);
    expect(audit[1]).toMatchObject({ actor_email: analyst.email, before: expect.objectContaining({ endedAt: null }), after: expect.objectContaining({ endedAt: expect.any(String) }) });
    // Ended, a new one may be made.
    await snooze(m.session, snoozeBody(email, { duration: '1h' }));
  });

  it('two people snoozing the same rule for the same email at once: one snooze, the other told so', async () => {
    const email = `${uniq('race')}@example.com`;
    const attempts = await Promise.all(
      [analyst.session, m.session, analyst.session, m.session].map((session) => callAs(session, `/api/v1/rules/${ruleId}/snoozes`, 'POST', snoozeBody(email))),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const [{ n }] = await owner`select count(*)::int as n from rule_snoozes where organization_id = ${m.orgId} and entity_value = ${email}`;
    expect(n).toBe(1);
  });

  it('expires by itself: the rule decides again and the snooze is no longer listed', async () => {
    const email = `${uniq('expire')}@example.com`;
    const s = await snooze(analyst.session, snoozeBody(email, { duration: undefined, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect((await postTx(m, isolated({ email, amount: AMOUNT }))).decision).toBe('ALLOW');
    await owner`update rule_snoozes set expires_at = now() - interval '1 second' where id = ${s.id}`;
    expect((await postTx(m, isolated({ email, amount: AMOUNT }))).decision).toBe('BLOCK');
    expect((await snoozesOf(m.session)).map((x) => x.id)).not.toContain(s.id);
    const end = await callAs(analyst.session, `/api/v1/snoozes/${s.id}`, 'DELETE');
    expect(end.status).toBe(409);
    expect(end.body.error.message).toContain('already expired');
    // Expired, the same rule and email may be snoozed again.
    await snooze(analyst.session, snoozeBody(email, { duration: '1h' }));
  });

  it('is refused to a viewer (403 naming the role) with nothing written', async () => {
    const email = `${uniq('viewer')}@example.com`;
    const [rows, audit] = [await countRows(m.orgId), (await owner`select count(*)::int as n from audit_log where organization_id = ${m.orgId}`)[0].n];
    const res = await callAs(viewer.session, `/api/v1/rules/${ruleId}/snoozes`, 'POST', snoozeBody(email));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/needs the analyst or admin or owner role.*you are viewer/);
    const live = await snooze(analyst.session, snoozeBody(email));
    expect((await callAs(viewer.session, `/api/v1/snoozes/${live.id}`, 'DELETE')).status).toBe(403);
    expect(await countRows(m.orgId)).toBe(rows + 1);
    expect((await owner`select count(*)::int as n from audit_log where organization_id = ${m.orgId}`)[0].n).toBe(audit + 1);
    expect((await snoozesOf(m.session)).find((x) => x.id === live.id)).toMatchObject({ endedAt: null });
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const email = `${uniq('bad')}@example.com`;
    const before = await countRows(m.orgId);
    const cases: [Record<string, unknown>, string][] = [
      [snoozeBody(email, { reason: undefined }), 'reason'],
      [snoozeBody(email, { reason: '   ' }), 'reason'],
      [snoozeBody(email, { reason: 'x'.repeat(501) }), 'reason'],
      [snoozeBody(email, { reason: 'the card 4111 1111 1111 1111 is his' }), 'reason'],
      [snoozeBody(email, { reason: 'nul\u0000' }), 'reason'],
      [snoozeBody(email, { entityType: 'ip' }), 'entityType'],
      [snoozeBody('not-an-email'), 'entityValue'],
      [snoozeBody('4111111111111111', { entityType: 'card_fingerprint' }), 'entityValue'],
      [snoozeBody(email, { duration: '2h' }), 'duration'],
      [snoozeBody(email, { duration: undefined }), 'duration'],
      [snoozeBody(email, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() }), 'expiresAt'],
      [snoozeBody(email, { duration: undefined, expiresAt: new Date(Date.now() + 31 * 86_400_000).toISOString() }), 'expiresAt'],
      [snoozeBody(email, { duration: undefined, expiresAt: new Date(Date.now() - 60_000).toISOString() }), 'expiresAt'],
      [snoozeBody(email, { duration: undefined, expiresAt: 'tomorrow' }), 'expiresAt'],
    ];
    for (const [body, field] of cases) {
      const res = await callAs(analyst.session, `/api/v1/rules/${ruleId}/snoozes`, 'POST', body);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.message.startsWith(`${field}`), res.body.error.message).toBe(true);
    }
    const query = await callAs(m.session, '/api/v1/snoozes?entityType=ip', 'GET');
    expect(query.status).toBe(400);
    expect(query.body.error.message).toMatch(/^entityType: /);
    expect((await callAs(analyst.session, `/api/v1/rules/${randomUUID()}/snoozes`, 'POST', snoozeBody(email))).status).toBe(404);
    expect((await callAs(analyst.session, '/api/v1/rules/not-a-rule/snoozes', 'POST', snoozeBody(email))).status).toBe(404);
    expect((await callAs(analyst.session, `/api/v1/snoozes/${randomUUID()}`, 'DELETE')).status).toBe(404);
    expect(await countRows(m.orgId)).toBe(before);
  });

  it('stays inside its organization: another org neither sees, ends nor is affected by it', async () => {
    const other = await newMerchant('snooze-other');
    const otherRule = await customRule(other);
    const email = `${uniq('tenant')}@example.com`;
    const s = await snooze(analyst.session, snoozeBody(email));
    expect(await snoozesOf(other.session)).toEqual([]);
    expect(await snoozesOf(other.session, `?ruleId=${ruleId}`)).toEqual([]);
    expect((await call(other, `/api/v1/snoozes/${s.id}`, 'DELETE')).status).toBe(404);
    expect((await call(other, `/api/v1/rules/${ruleId}/snoozes`, 'POST', snoozeBody(email))).status).toBe(404);
    // The same email in the other org is still decided by that org's own rule.
    expect(await postTx(other, isolated({ email, amount: AMOUNT }))).toMatchObject({ decision: 'BLOCK', reasons: [expect.objectContaining({ ruleId: otherRule })] });
    expect((await snoozesOf(m.session)).find((x) => x.id === s.id)).toMatchObject({ endedAt: null });
    expect(await countRows(other.orgId)).toBe(0);
  });
});
