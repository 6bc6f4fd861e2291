import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrgTransaction } from '@/lib/db';
import { LANES_PER_ENDPOINT, queueWebhookEvent } from '@/lib/webhooks/queue';
import { newMerchant, ownerSql, postTx, type Merchant } from '../helpers/env';
import { sleep } from '../helpers/wait';
import { insertDetection } from '../reviews/helpers';
import { ALL_EVENTS, createEndpoint, deliveries, loadVerifier, startReceiver, type TReceiver } from './helpers';

// Deliveries end to end: the real server queues in the change's transaction,
// its worker posts to real local receivers, and every delivery is verified
// with the snippet merchants copy (lib/webhooks/verify-snippet.ts).

const owner = ownerSql();
const verify = loadVerifier();
let m: Merchant;
const receivers: TReceiver[] = [];
const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
};

beforeAll(async () => {
  m = await newMerchant('webhooks');
});
afterAll(async () => {
  // Endpoints go first, so no retry outlives its receiver.
  const list = await m.session.json('/api/v1/webhooks');
  for (const w of list.webhooks) await m.session.fetch(`/api/v1/webhooks/${w.id}`, { method: 'DELETE' });
  await Promise.all(receivers.map((r) => r.close()));
  await owner.end();
});

describe('outbound webhooks', () => {
  it('signs each delivery as documented: the snippet merchants copy verifies it, and it carries the detection as the API returns it', async () => {
    const r = await receiver();
    const endpoint = await createEndpoint(m.session, { url: r.url, events: ['detection.created'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const detection = await postTx(m, {});
    const [got] = await r.waitFor('the delivery', (all) => all.length === 1);
    expect(got.headers['content-type']).toMatch(/application\/json/);
    expect(got.body).toEqual({ id: got.eventId, type: 'detection.created', createdAt: expect.any(String), data: { detection } });
    expect(new Date(got.body.createdAt).toISOString()).toBe(got.body.createdAt);
    expect(got.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(got.signature.slice(2, got.signature.indexOf(','))) - Date.now() / 1000)).toBeLessThan(30);
    expect(verify(got.raw, got.signature, endpoint.secret)).toBe(true);
    expect(verify(got.raw, got.signature, 'whsec_another')).toBe(false);
    expect(verify(got.raw.replace('"detection"', '"detectioN"'), got.signature, endpoint.secret)).toBe(false);
  });

  it('a receiver failing the first three attempts gets the same event, id and bytes, until it accepts; each attempt is in the log', async () => {
    const r = await receiver((_req, n) => (n <= 2 ? 500 : n === 3 ? 503 : 200));
    const endpoint = await createEndpoint(m.session, { url: r.url, events: ['detection.created'] });
    await postTx(m, {});
    const all = await r.waitFor('four attempts', (a) => a.length === 4, 30_000);
    expect(new Set(all.map((a) => a.eventId)).size).toBe(1);
    expect(new Set(all.map((a) => a.raw)).size).toBe(1);
    for (const a of all) expect(verify(a.raw, a.signature, endpoint.secret)).toBe(true);
    // WEBHOOK_RETRY_BASE_MS=300 on the test server: 300, 600, 1200 ms at least between attempts.
    const gaps = all.slice(1).map((a, i) => a.at - all[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(250);
    expect(gaps[1]).toBeGreaterThanOrEqual(550);
    expect(gaps[2]).toBeGreaterThanOrEqual(1150);

    const log = await (async () => {
      for (let i = 0; i < 50; i++) {
        const page = await deliveries(m.session, endpoint.id);
        if (page.deliveries.length === 4) return page.deliveries;
        await sleep(100);
      }
      throw new Error('the log never showed four attempts');
    })();
    expect(log.map((d) => d.attempt)).toEqual([4, 3, 2, 1]);
    expect(log.map((d) => d.status)).toEqual([200, 503, 500, 500]);
    expect(log.map((d) => d.ok)).toEqual([true, false, false, false]);
    expect(log.every((d) => d.eventId === all[0].eventId && d.type === 'detection.created')).toBe(true);
    expect(log[0]).toMatchObject({ error: null, response: 'thanks', nextAttemptAt: null });
    expect(log[1]).toMatchObject({ error: 'HTTP 503', response: 'failing on purpose (503)', nextAttemptAt: expect.any(String) });
    for (const d of log) expect(d.durationMs).toEqual(expect.any(Number));
    await sleep(1_500);
    expect(r.received).toHaveLength(4);
  });

  it('the decisions filter: an endpoint filtered on BLOCK gets the blocked payment only, an unfiltered one both', async () => {
    const [filtered, everything] = [await receiver(), await receiver()];
    await createEndpoint(m.session, { url: filtered.url, events: ['detection.created'], decisions: ['BLOCK'] });
    await createEndpoint(m.session, { url: everything.url, events: ['detection.created'] });
    const ip = '198.51.100.201';
    await m.session.post('/api/v1/lists', { type: 'ip', value: ip, action: 'block' });
    const allowed = await postTx(m, { ip: '198.51.100.202' });
    const blocked = await postTx(m, { ip });
    expect([allowed.decision, blocked.decision]).toEqual(['ALLOW', 'BLOCK']);
    await everything.waitFor('both detections', (a) => a.length === 2);
    await filtered.waitFor('the blocked one', (a) => a.length === 1);
    await sleep(1_000);
    expect(filtered.received.map((a) => a.body.data.detection.id)).toEqual([blocked.id]);
  });

  it('POST /:id/test delivers an event of type "test" to that endpoint alone, whatever it subscribes to', async () => {
    const [r, other] = [await receiver(), await receiver()];
    const endpoint = await createEndpoint(m.session, { url: r.url, events: ['list.changed'] });
    await createEndpoint(m.session, { url: other.url, events: ['list.changed'] });
    const res = await m.session.fetch(`/api/v1/webhooks/${endpoint.id}/test`, { method: 'POST' });
    expect(res.status).toBe(202);
    const { eventId } = await res.json();
    const [got] = await r.waitFor('the test event', (a) => a.length === 1);
    expect(got.body).toMatchObject({ id: eventId, type: 'test', data: { endpointId: endpoint.id } });
    expect(verify(got.raw, got.signature, endpoint.secret)).toBe(true);
    await sleep(800);
    expect(other.received).toHaveLength(0);
  });

  it('a disabled endpoint gets nothing until enabled again', async () => {
    const r = await receiver();
    const endpoint = await createEndpoint(m.session, { url: r.url, events: ['detection.created'] });
    await m.session.json(`/api/v1/webhooks/${endpoint.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false }) });
    await postTx(m, {});
    await sleep(1_500);
    expect(r.received).toHaveLength(0);
    await m.session.json(`/api/v1/webhooks/${endpoint.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: true }) });
    const after = await postTx(m, {});
    const [got] = await r.waitFor('the delivery after enabling', (a) => a.length === 1);
    expect(got.body.data.detection.id).toBe(after.id);
  });

  it('an endpoint that never answers does not delay another endpoint', async () => {
    const dead = await receiver(() => 'hang');
    const alive = await receiver();
    const deadEndpoint = await createEndpoint(m.session, { url: dead.url, events: ['detection.created'] });
    await createEndpoint(m.session, { url: alive.url, events: ['detection.created'] });
    const started = Date.now();
    // Twelve addresses, so that the burst does not look like card testing (an incident's events are another test's).
    for (let i = 0; i < 12; i++) await postTx(m, { ip: `198.51.100.${120 + i}` });
    await alive.waitFor('all twelve on the live endpoint', (a) => a.length === 12, 8_000);
    const tookMs = Date.now() - started;
    // The hanging endpoint holds at most one worker per lane (LANES_PER_ENDPOINT), never the whole pool.
    expect(dead.received.length).toBeLessThanOrEqual(LANES_PER_ENDPOINT);
    expect(tookMs).toBeLessThan(8_000);
    await m.session.fetch(`/api/v1/webhooks/${deadEndpoint.id}`, { method: 'DELETE' });
  });

  it('every event type is delivered once for its change', async () => {
    const r = await receiver();
    // Another organization's endpoint on the same receiver: it must hear nothing of the shop's changes.
    const other = await newMerchant('webhooks-other-org');
    const endpoint = await createEndpoint(other.session, { url: r.url, events: ALL_EVENTS });
    const shop = await newMerchant('webhooks-all');
    const mine = await createEndpoint(shop.session, { url: r.url, events: ALL_EVENTS });
    expect(mine.id).not.toBe(endpoint.id);

    const created = await postTx(shop, { ip: '198.51.100.77' });
    const toReview = await insertDetection(owner, shop);
    const review = await shop.session.post(`/api/v1/detections/${toReview.id}/review`, { action: 'block', verdict: 'fraud' });
    await shop.session.post(`/api/v1/detections/${created.id}/events`, { type: 'fraud_confirmed', reason: 'customer called' });
    const { entry } = await shop.session.post('/api/v1/lists', { type: 'email', value: 'fraudster@example.net', action: 'block' });
    const removed = await shop.session.fetch(`/api/v1/lists/${entry.id}`, { method: 'DELETE' });
    expect(removed.ok).toBe(true);
    // A card-testing burst 80 s ago (12 cards from one IP), then one ordinary ingest
    // to wake the detector: the incident opens, and closes at once (no attempt in the last minute).
    for (let i = 0; i < 12; i++) await insertDetection(owner, shop, { ip: '203.0.113.213', decision: 'BLOCK', ageSeconds: 80 - i });
    await postTx(shop, { ip: '198.51.100.78' });

    await r.waitFor('every type', (all) => ['attack.ended', 'list.changed'].every((t) => all.some((a) => a.body?.type === t)) && all.filter((a) => a.body?.type === 'list.changed').length >= 2, 40_000);
    await sleep(1_500);
    // Every delivery here is the shop's, signed with its endpoint's secret: the other organization's endpoint heard nothing.
    const got = r.received;
    for (const a of got) expect(verify(a.raw, a.signature, mine.secret)).toBe(true);
    const count = (type: string) => got.filter((a) => a.body.type === type).length;
    expect(count('detection.created')).toBe(2);
    expect(count('detection.reviewed')).toBe(1);
    expect(count('detection.outcome')).toBe(1);
    expect(count('list.changed')).toBe(2);
    expect(count('attack.started')).toBe(1);
    expect(count('attack.ended')).toBe(1);
    expect(new Set(got.map((a) => a.eventId)).size).toBe(got.length);

    const byType = (type: string) => got.find((a) => a.body.type === type)!.body.data;
    expect(byType('detection.reviewed').detection).toEqual(review.detection);
    expect(byType('detection.outcome')).toMatchObject({ detection: { id: created.id, label: 'fraud' }, outcome: { type: 'fraud_confirmed', reason: 'customer called' } });
    expect(got.filter((a) => a.body.type === 'list.changed').map((a) => a.body.data.action)).toEqual(['added', 'removed']);
    expect(byType('list.changed').entry).toMatchObject({ type: 'email', value: 'fraudster@example.net', action: 'block' });
    const started = byType('attack.started').attack;
    expect(started).toMatchObject({ status: 'open' });
    expect(started.topIps[0]).toMatchObject({ value: '203.0.113.213', attempts: 12 });
    expect(started.attempts).toBeGreaterThanOrEqual(10);
    expect(byType('attack.ended').attack).toMatchObject({ id: started.id, status: 'closed', endedAt: expect.any(String) });
    expect(got.filter((a) => verify(a.raw, a.signature, endpoint.secret))).toHaveLength(0);
  });

  it('a rolled-back change queues nothing: a refused review, and a transaction that fails after queueing', async () => {
    const r = await receiver();
    await createEndpoint(m.session, { url: r.url, events: ['detection.reviewed'] });
    const d = await insertDetection(owner, m);
    await m.session.post(`/api/v1/detections/${d.id}/review`, { action: 'approve' });
    const again = await m.session.fetch(`/api/v1/detections/${d.id}/review`, { method: 'POST', body: JSON.stringify({ action: 'block' }) });
    expect(again.status).toBe(409);
    await r.waitFor('the one review', (a) => a.length === 1);

    // The same queueing the routes use, in a transaction that then fails.
    const [{ before }] = await owner`select coalesce(max(id), 0)::bigint as before from graphile_worker._private_jobs`;
    let eventId: string | null = null;
    await expect(
      withOrgTransaction(m.orgId, async (db) => {
        eventId = await queueWebhookEvent({ db, orgId: m.orgId, type: 'detection.reviewed', data: { detection: { id: d.id } } });
        expect(eventId).toEqual(expect.any(String));
        await db.execute(sql`select 1/0`);
      }),
    ).rejects.toThrow();
    await sleep(1_500);
    expect(r.received).toHaveLength(1);
    const [{ n }] = await owner`select count(*)::int as n from webhook_events where id = ${eventId!}`;
    expect(n).toBe(0);
    // Retries of other deliveries may be queued meanwhile; a job for a delivery that does not exist would be the rolled-back one.
    const [{ jobs }] = await owner`select count(*)::int as jobs from graphile_worker._private_jobs j
      where j.id > ${before} and j.payload->>'orgId' = ${m.orgId}
        and not exists (select 1 from webhook_deliveries d where d.id = (j.payload->>'deliveryId')::uuid)`;
    expect(jobs).toBe(0);
    const [{ reviewed }] = await owner`select count(*)::int as reviewed from webhook_events where organization_id = ${m.orgId} and type = 'detection.reviewed'`;
    expect(reviewed).toBe(1);
  });

  it('an organization without endpoints queues nothing on ingest', async () => {
    const quiet = await newMerchant('webhooks-none');
    await postTx(quiet, {});
    const [{ events }] = await owner`select count(*)::int as events from webhook_events where organization_id = ${quiet.orgId}`;
    const [{ jobs }] = await owner`select count(*)::int as jobs from graphile_worker._private_jobs where payload->>'orgId' = ${quiet.orgId}`;
    expect([events, jobs]).toEqual([0, 0]);
  });
});
