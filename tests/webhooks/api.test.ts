import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OryloSession, readBodyTolerantly } from '@/scripts/lib/http-client';
import { newMerchant, ownerSql, uniq, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { sleep } from '../helpers/wait';
import { createEndpoint, deliveries, loadVerifier, startReceiver, type TReceiver } from './helpers';

// The endpoints API: what it answers, what it refuses (and then writes
// nothing), the URL rule on a server that does not allow private targets,
// the cap, the delivery log's pages and secret rotation.

const owner = ownerSql();
const verify = loadVerifier();
let m: Merchant;
let r: TReceiver;

beforeAll(async () => {
  m = await newMerchant('webhooks-api');
  r = await startReceiver();
});
afterAll(async () => {
  const list = await m.session.json('/api/v1/webhooks');
  for (const w of list.webhooks) await m.session.fetch(`/api/v1/webhooks/${w.id}`, { method: 'DELETE' });
  await r.close();
  await owner.end();
});

const post = (session: OryloSession, body: unknown, headers: Record<string, string> = {}) =>
  session.fetch('/api/v1/webhooks', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const countEndpoints = async (orgId: string) => (await owner`select count(*)::int as n from webhook_endpoints where organization_id = ${orgId}`)[0].n as number;

describe('webhook endpoints API', () => {
  it('creates an endpoint, shows its secret once, never again', async () => {
    const res = await post(m.session, { url: r.url, events: ['detection.created', 'attack.started'], decisions: ['REVIEW', 'BLOCK'] });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ id: expect.any(String), url: r.url, events: ['detection.created', 'attack.started'], decisions: ['REVIEW', 'BLOCK'], enabled: true, secret: expect.stringMatching(/^whsec_/) });
    const list = await m.session.fetch('/api/v1/webhooks');
    const one = await m.session.fetch(`/api/v1/webhooks/${created.id}`);
    for (const text of [await list.text(), await one.text()]) {
      expect(text).toContain(created.id);
      expect(text).not.toContain(created.secret);
      expect(text).not.toMatch(/"secret"/);
    }
    const [row] = await owner`select secret_sealed from webhook_endpoints where id = ${created.id}`;
    expect(row.secret_sealed).not.toContain(created.secret.slice(6));
    const [audit] = await owner`select action from audit_log where organization_id = ${m.orgId} and target_id = ${created.id}`;
    expect(audit.action).toBe('webhook.create');
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const fresh = await newMerchant('webhooks-bad');
    const cases: [unknown, RegExp][] = [
      [{ events: ['detection.created'] }, /^url: /],
      [{ url: 'ftp://example.com/x', events: ['detection.created'] }, /url: Must use https/],
      [{ url: 'not a url', events: ['detection.created'] }, /url: Must be an absolute URL/],
      [{ url: r.url }, /^events: /],
      [{ url: r.url, events: [] }, /events: Pick at least one/],
      [{ url: r.url, events: ['detection.created', 'payment.won', 'refund.made'] }, /Unknown event types "payment.won", "refund.made"/],
      [{ url: r.url, events: ['test'] }, /Unknown event type "test"/],
      [{ url: r.url, events: ['detection.created'], decisions: ['MAYBE'] }, /decisions\.0: Each decision must be ALLOW, REVIEW or BLOCK/],
      [{ url: r.url, events: ['detection.created'], decisions: [] }, /decisions: Must not be empty/],
      [{ url: r.url, events: ['list.changed'], decisions: ['BLOCK'] }, /decisions: filters detection.created only/],
      [{ url: r.url, events: ['detection.created'], secret: 'mine' }, /secret/],
      [{ url: `${r.url}?card=4242 4242 4242 4242`, events: ['detection.created'] }, /looks like a full card number/],
      [{ url: `${r.url}?x=\u0000`, events: ['detection.created'] }, /NUL/],
    ];
    for (const [body, message] of cases) {
      const res = await post(fresh.session, body);
      const answer = await readBodyTolerantly(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(answer.error.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await post(fresh.session, '{"url":', {})).status).toBe(400);
    expect((await post(fresh.session, JSON.stringify({ url: r.url, events: ['detection.created'] }), { 'content-type': 'text/plain' })).status).toBe(415);
    const id = (await createEndpoint(fresh.session, { url: r.url, events: ['detection.created'] })).id;
    for (const body of [{}, { enabled: 'yes' }, { url: 'http://' }, { events: ['nope'] }, { events: ['list.changed'], decisions: ['ALLOW'] }]) {
      const res = await fresh.session.fetch(`/api/v1/webhooks/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await countEndpoints(fresh.orgId)).toBe(1);
    const [{ n }] = await owner`select count(*)::int as n from audit_log where organization_id = ${fresh.orgId} and action like 'webhook.%'`;
    expect(n).toBe(1);
    const [unchanged] = await owner`select url, events, decisions, enabled from webhook_endpoints where id = ${id}`;
    expect(unchanged).toEqual({ url: r.url, events: ['detection.created'], decisions: null, enabled: true });
  });

  it('404s an unknown, malformed or foreign id', async () => {
    const other = await newMerchant('webhooks-other');
    const foreign = await createEndpoint(other.session, { url: r.url, events: ['list.changed'] });
    for (const path of [`/api/v1/webhooks/${foreign.id}`, '/api/v1/webhooks/not-an-id', `/api/v1/webhooks/${foreign.id}/deliveries`]) {
      expect((await m.session.fetch(path)).status, path).toBe(404);
    }
    for (const [method, path] of [['DELETE', ''], ['POST', '/test'], ['POST', '/rotate-secret']] as const) {
      expect((await m.session.fetch(`/api/v1/webhooks/${foreign.id}${path}`, { method })).status).toBe(404);
    }
    expect(await countEndpoints(other.orgId)).toBe(1);
  });

  it('updates and deletes; a deleted endpoint is gone with its log', async () => {
    const created = await createEndpoint(m.session, { url: r.url, events: ['detection.created'] });
    const { webhook } = await m.session.json(`/api/v1/webhooks/${created.id}`, { method: 'PATCH', body: JSON.stringify({ events: ['list.changed', 'attack.ended'], enabled: false }) });
    expect(webhook).toMatchObject({ id: created.id, events: ['list.changed', 'attack.ended'], enabled: false, decisions: null });
    const del = await m.session.fetch(`/api/v1/webhooks/${created.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await m.session.fetch(`/api/v1/webhooks/${created.id}`)).status).toBe(404);
    const actions = (await owner`select action from audit_log where target_id = ${created.id} order by created_at`).map((a) => a.action);
    expect(actions).toEqual(['webhook.create', 'webhook.update', 'webhook.delete']);
  });

  it('caps endpoints per organization at 20 (409 beyond)', async () => {
    const shop = await newMerchant('webhooks-cap');
    const made = await Promise.all(Array.from({ length: 20 }, () => post(shop.session, { url: r.url, events: ['list.changed'] })));
    expect(made.map((res) => res.status)).toEqual(Array(20).fill(201));
    const over = await post(shop.session, { url: r.url, events: ['list.changed'] });
    expect(over.status).toBe(409);
    expect((await over.json()).error.message).toMatch(/already has 20 webhook endpoints/);
    expect(await countEndpoints(shop.orgId)).toBe(20);
  });

  it('pages the delivery log, newest first', async () => {
    const endpoint = await createEndpoint(m.session, { url: r.url, events: ['list.changed'] });
    for (let i = 0; i < 5; i++) await m.session.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    for (let i = 0; i < 100 && (await deliveries(m.session, endpoint.id)).deliveries.length < 5; i++) await sleep(100);
    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof deliveries>> = await deliveries(m.session, endpoint.id, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.deliveries);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen.map((d) => d.id)).size).toBe(5);
    const times = seen.map((d) => Date.parse(d.attemptedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await m.session.fetch(`/api/v1/webhooks/${endpoint.id}/deliveries?cursor=nope`)).status).toBe(400);
    expect((await m.session.fetch(`/api/v1/webhooks/${endpoint.id}/deliveries?limit=1000`)).status).toBe(400);
  });

  it('rotation: both secrets sign during the overlap, only the new one after', async () => {
    const rr = await startReceiver();
    try {
      const endpoint = await createEndpoint(m.session, { url: rr.url, events: ['list.changed'] });
      const sendTest = async (n: number) => {
        await m.session.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
        return (await rr.waitFor(`test event ${n}`, (a) => a.length === n)).at(-1)!;
      };
      const rotated = await m.session.json(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, { method: 'POST' });
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(endpoint.secret);
      expect(rotated.overlapSeconds).toBe(86_400);
      expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(86_000_000);
      expect(rotated.message).toMatch(/previous secret keeps signing/);
      const during = await sendTest(1);
      expect(during.signature.match(/v1=/g)).toHaveLength(2);
      expect(verify(during.raw, during.signature, endpoint.secret)).toBe(true);
      expect(verify(during.raw, during.signature, rotated.secret)).toBe(true);

      const short = await m.session.json(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, { method: 'POST', body: JSON.stringify({ overlapSeconds: 2 }) });
      const inOverlap = await sendTest(2);
      expect(inOverlap.signature.match(/v1=/g)).toHaveLength(2);
      expect(verify(inOverlap.raw, inOverlap.signature, rotated.secret)).toBe(true);
      expect(verify(inOverlap.raw, inOverlap.signature, endpoint.secret)).toBe(false);
      await sleep(2_500);
      const after = await sendTest(3);
      expect(after.signature.match(/v1=/g)).toHaveLength(1);
      expect(verify(after.raw, after.signature, short.secret)).toBe(true);
      expect(verify(after.raw, after.signature, rotated.secret)).toBe(false);
      expect((await m.session.json(`/api/v1/webhooks/${endpoint.id}`)).webhook.previousSecretExpiresAt).toBeNull();

      const leaked = await m.session.json(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, { method: 'POST', body: JSON.stringify({ overlapSeconds: 0 }) });
      expect(leaked.previousSecretExpiresAt).toBeNull();
      const now = await sendTest(4);
      expect(verify(now.raw, now.signature, leaked.secret)).toBe(true);
      expect(verify(now.raw, now.signature, short.secret)).toBe(false);
      const bad = await m.session.fetch(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, { method: 'POST', body: JSON.stringify({ overlapSeconds: -1 }) });
      expect(bad.status).toBe(400);
      const rotations = await owner`select count(*)::int as n from audit_log where target_id = ${endpoint.id} and action = 'webhook.rotate_secret'`;
      expect(rotations[0].n).toBe(3);
    } finally {
      await rr.close();
    }
  });
});

describe('the URL rule on a server without WEBHOOK_ALLOW_PRIVATE', () => {
  it('refuses http, loopback, private and unresolvable targets with a clear 400, and writes nothing', async () => {
    const server = await startExtraServer({ WEBHOOK_ALLOW_PRIVATE: '0', ORYLO_BACKGROUND_JOBS: '0' });
    try {
      const session = new OryloSession(server.url);
      await session.signUp({ email: `${uniq('strict')}@example.com`, password: 'correct-horse-battery', name: 'Strict' });
      const org = await session.createOrganization('Strict', uniq('strict').toLowerCase());
      const cases: [string, RegExp][] = [
        [r.url, /url: Must use https/],
        ['https://127.0.0.1/hook', /127\.0\.0\.1 is a private, loopback or reserved address/],
        ['https://10.1.2.3/hook', /10\.1\.2\.3 is a private/],
        ['https://[::1]/hook', /::1 is a private/],
        ['https://localhost/hook', /localhost is not a public host name/],
        ['https://hooks.invalid/x', /does not resolve|resolves to/],
      ];
      for (const [url, message] of cases) {
        const res = await post(session, { url, events: ['detection.created'] });
        expect(res.status, url).toBe(400);
        expect((await res.json()).error.message, url).toMatch(message);
      }
      expect(await countEndpoints(org.id)).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
