import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OryloSession } from '@/scripts/lib/http-client';
import { BASE_URL, newMerchant, ownerSql, uniq, type Merchant } from '../helpers/env';
import { insertDetection, postReview } from '../reviews/helpers';

// Bodies an attacker sends, against the real server: each gets a 4xx naming
// what is wrong, writes nothing, and stalls nobody.

const owner = ownerSql();
let m: Merchant;
beforeAll(async () => {
  m = await newMerchant('hostile');
});
afterAll(() => owner.end());

const percentile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

describe('hostile bodies', () => {
  /** /api/health timings while five waves of ten bodies at once hit ingest. */
  async function healthDuringBursts(body: string): Promise<{ statuses: number[]; attackMs: number; health: number[] }> {
    const healthMs = async () => {
      const started = performance.now();
      expect((await fetch(`${BASE_URL}/api/health`)).status).toBe(200);
      return performance.now() - started;
    };
    for (let i = 0; i < 10; i++) await healthMs(); // a warm connection, as a load balancer's
    const health: number[] = [];
    let attacking = true;
    const probe = (async () => {
      while (attacking) {
        health.push(await healthMs());
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const statuses: number[] = [];
    const started = performance.now();
    for (let wave = 0; wave < 5; wave++) {
      const send = () =>
        fetch(`${BASE_URL}/api/v1/transactions`, { method: 'POST', headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' }, body }).then((r) => r.status);
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, send))));
    }
    const attackMs = performance.now() - started;
    while (health.length < 100) await new Promise((r) => setTimeout(r, 10));
    attacking = false;
    await probe;
    return { statuses, attackMs, health };
  }

  it('ingest bodies nested 8,000 deep, ten at once, are 400s that stall nothing more than any bad body', async () => {
    // The same load with a trivially bad body: what ten requests at once cost this machine anyway.
    const plain = await healthDuringBursts('[]');
    const deep = await healthDuringBursts(`${'['.repeat(8_000)}${']'.repeat(8_000)}`);
    for (const [name, run] of [['plain', plain], ['depth 8,000', deep]] as const) {
      console.info(`[hostile] ${name}: 5 waves of 10 bodies answered in ${run.attackMs.toFixed(0)} ms; /api/health p50 ${percentile(run.health, 0.5).toFixed(1)} ms, p99 ${percentile(run.health, 0.99).toFixed(1)} ms over ${run.health.length} probes`);
    }
    expect(new Set(deep.statuses)).toEqual(new Set([400]));
    // The recursive walk blocked the event loop about 1 s per body (8 s for ten): now the
    // nesting is refused in one linear pass before parsing, and costs what a bad body costs.
    expect(percentile(deep.health, 0.99)).toBeLessThan(percentile(plain.health, 0.99) + 100);
    expect(deep.attackMs).toBeLessThan(plain.attackMs * 3 + 500);
  });

  it('a review note with a card number in it is refused and stores nothing', async () => {
    const { id } = await insertDetection(owner, m);
    const res = await postReview(m.session, id, { action: 'approve', note: 'customer read card 4111 1111 1111 1111 over the phone' });
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, 'card_number_refused', 'note']);
    const [row] = await owner`select review_status, review_note from detections where id = ${id}`;
    expect(row).toEqual({ review_status: null, review_note: null });
    const [{ n }] = await owner`select count(*)::int as n from audit_log where organization_id = ${m.orgId} and target_id = ${id}`;
    expect(n).toBe(0);
  });

  it('a NUL byte in stored text is a 400 naming the field, not a 500', async () => {
    const res = await m.session.fetch('/api/v1/lists', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'ip', value: '198.51.100.77', action: 'block', reason: 'bad\u0000actor' }),
    });
    const body = await res.json();
    expect([res.status, body.error.field]).toEqual([400, 'reason']);
    const key = await m.session.fetch('/api/v1/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'k\u0000' }) });
    expect(key.status).toBe(400);
  });

  it('Better Auth refuses an oversized body before reading it whole, and names that are no names', async () => {
    const huge = JSON.stringify({ email: `${uniq('big')}@example.com`, password: 'correct-horse-battery', name: 'x'.repeat(1_000_000) });
    const res = await fetch(`${BASE_URL}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE_URL }, body: huge });
    expect(res.status).toBe(413);

    const s = new OryloSession(BASE_URL);
    const email = `${uniq('pan-name')}@example.com`;
    const signUp = await fetch(`${BASE_URL}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE_URL },
      body: JSON.stringify({ email, password: 'correct-horse-battery', name: 'Jane 4111.1111.1111.1111' }),
    });
    expect(signUp.status).toBe(400);
    expect((await owner`select count(*)::int as n from "user" where email = ${email}`)[0].n).toBe(0);

    await s.signUp({ email: `${uniq('org-name')}@example.com`, password: 'correct-horse-battery', name: 'Jane' });
    const org = await s.fetch('/api/auth/organization/create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'y'.repeat(500), slug: uniq('long').toLowerCase() }),
    });
    expect(org.status).toBe(400);
  });

  it('a User-Agent holding a card number is not stored with the session', async () => {
    const email = `${uniq('ua')}@example.com`;
    const res = await fetch(`${BASE_URL}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE_URL, 'user-agent': 'Mozilla/5.0 card 4111 1111 1111 1111' },
      body: JSON.stringify({ email, password: 'correct-horse-battery', name: 'Agent' }),
    });
    expect(res.status).toBe(200);
    const [session] = await owner`select s.user_agent from "session" s join "user" u on u.id = s.user_id where u.email = ${email}`;
    expect(session.user_agent).not.toMatch(/4111/);
  });

  it('Better Auth\'s bodies get the same checks as the API: nesting, NUL bytes and card numbers in any field, with the field named', async () => {
    const signUp = (body: unknown) =>
      fetch(`${BASE_URL}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE_URL }, body: JSON.stringify(body) });
    const email = `${uniq('ba')}@example.com`;
    const image = await signUp({ email, password: 'correct-horse-battery', name: 'Jo', image: 'https://img.example/4111-1111-1111-1111.png' });
    expect(image.status).toBe(400);
    const body = await image.json();
    expect([body.error.field, body.message]).toEqual(['image', expect.stringMatching(/^image looks like a full card number/)]);
    const deep = await fetch(`${BASE_URL}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE_URL }, body: `{"email":${JSON.stringify(email)},"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}` });
    expect(deep.status).toBe(400);
    expect((await owner`select count(*)::int as n from "user" where email = ${email}`)[0].n).toBe(0);

    const invite = await m.session.fetch('/api/auth/organization/invite-member', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'card5555555555554444@example.com', role: 'viewer', organizationId: m.orgId }),
    });
    expect(invite.status).toBe(400);
    expect((await owner`select count(*)::int as n from invitation where email like 'card5555%'`)[0].n).toBe(0);
  });
});
