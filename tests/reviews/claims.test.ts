import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';
import { addMember, call, insertDetection, postReview } from './helpers';

// The team queue's claims against the real server and database: next with
// SKIP LOCKED, claim and release, reviews of an item someone else holds,
// lapsed claims, live display, roles and tenants.

const owner = ownerSql();
afterAll(() => owner.end());

const next = (m: { session: Merchant['session'] }) => call(m.session, 'POST', '/api/v1/reviews/next');
const claim = (s: Merchant['session'], id: string) => call(s, 'POST', `/api/v1/detections/${id}/claim`);
const release = (s: Merchant['session'], id: string) => call(s, 'DELETE', `/api/v1/detections/${id}/claim`);
const claimOf = async (id: string) => (await owner`select claimed_by_email, claimed_until, review_status from detections where id = ${id}`)[0];

describe('POST /api/v1/reviews/next', () => {
  it('24 concurrent calls by 4 analysts never hand the same item twice, oldest first; then null when nothing is left', async () => {
    const m = await newMerchant('queue-race');
    const analysts = await Promise.all([1, 2, 3].map((i) => addMember(m, 'member', `Analyst ${i}`)));
    const people = [{ session: m.session, email: m.email }, ...analysts];
    // 30 items, the oldest first in time; ALLOW and reviewed rows around them are never handed out.
    const items = [];
    for (let i = 0; i < 30; i++) items.push(await insertDetection(owner, m, { ageSeconds: 3_000 - i * 10 }));
    await insertDetection(owner, m, { decision: 'ALLOW', ageSeconds: 9_000 });
    await insertDetection(owner, m, { reviewStatus: 'approved', ageSeconds: 9_000 });

    const calls = Array.from({ length: 24 }, (_, i) => people[i % people.length]);
    const results = await Promise.all(calls.map((p) => next(p)));
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const ids = results.map((r) => r.body.detection?.id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(24);
    // Exactly the 24 oldest were handed out.
    expect(new Set(ids)).toEqual(new Set(items.slice(0, 24).map((d) => d.id)));
    // Each is held, in the database and in the answer, by the one who asked.
    for (const [i, r] of results.entries()) {
      expect(r.body.detection.review).toMatchObject({ status: 'pending', claim: { email: calls[i].email } });
      expect((await claimOf(r.body.detection.id)).claimed_by_email).toBe(calls[i].email);
    }
    const until = Date.parse(results[0].body.detection.review.claim.until);
    expect(until - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 5_000);

    const rest = await Promise.all(Array.from({ length: 9 }, (_, i) => next(people[i % people.length])));
    const more = rest.map((r) => r.body.detection?.id).filter(Boolean);
    expect(new Set(more)).toEqual(new Set(items.slice(24).map((d) => d.id)));
    expect(rest.filter((r) => r.body.detection === null)).toHaveLength(3);
  });

  it('a lapsed claim is ignored: next hands the item out again, and the queue no longer shows it held', async () => {
    const m = await newMerchant('queue-lapse');
    const bob = await addMember(m, 'member', 'Bob');
    const d = await insertDetection(owner, m);
    expect((await next(m)).body.detection.id).toBe(d.id);
    expect((await next(bob)).body.detection).toBeNull();
    // Ten minutes later, without waiting ten minutes.
    await owner`update detections set claimed_until = now() - interval '1 second' where id = ${d.id}`;
    const queue = await m.session.json('/api/v1/reviews');
    expect(queue.detections.find((x: any) => x.id === d.id).review).toBeNull();
    const taken = await next(bob);
    expect(taken.body.detection).toMatchObject({ id: d.id, review: { claim: { email: bob.email, name: 'Bob' } } });
  });
});

describe('claims and reviews', () => {
  let m: Merchant;
  let ana: Awaited<ReturnType<typeof addMember>>;
  let bob: Awaited<ReturnType<typeof addMember>>;
  beforeAll(async () => {
    m = await newMerchant('claims');
    [ana, bob] = await Promise.all([addMember(m, 'member', 'Ana Lyst'), addMember(m, 'member', 'Bob')]);
  });

  it('reviewing an item another analyst holds is a 409 naming them and until when; nothing is written; the holder may review it', async () => {
    const d = await insertDetection(owner, m);
    const held = await claim(ana.session, d.id);
    expect(held.status).toBe(200);
    const until = held.body.detection.review.claim.until;
    for (const session of [bob.session, m.session]) {
      const res = await postReview(session, d.id, { action: 'approve', verdict: 'genuine' });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain(`claimed by Ana Lyst (${ana.email}) until ${until}`);
    }
    expect(await claimOf(d.id)).toMatchObject({ review_status: null });
    const [{ n }] = await owner`select count(*)::int as n from audit_log where target_id = ${d.id}`;
    expect(n).toBe(0);
    const mine = await postReview(ana.session, d.id, { action: 'block', verdict: 'fraud' });
    expect(mine.status).toBe(200);
    expect(mine.body.detection.review).toMatchObject({ status: 'blocked', by: ana.email, verdict: 'fraud', claim: null });
  });

  it("claiming someone's item is a 409; releasing it is theirs only; a release is idempotent and frees it", async () => {
    const d = await insertDetection(owner, m);
    expect((await claim(ana.session, d.id)).status).toBe(200);
    const taken = await claim(bob.session, d.id);
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain('claimed by Ana Lyst');
    expect((await release(bob.session, d.id)).status).toBe(409);
    // Claiming again extends the holder's own claim.
    expect((await claim(ana.session, d.id)).status).toBe(200);
    const freed = await release(ana.session, d.id);
    expect(freed.status).toBe(200);
    expect(freed.body.detection.review).toBeNull();
    expect((await release(ana.session, d.id)).status).toBe(200);
    expect((await claim(bob.session, d.id)).body.detection.review.claim.email).toBe(bob.email);
  });

  it('a lapsed claim is no obstacle to anyone', async () => {
    const d = await insertDetection(owner, m);
    await claim(ana.session, d.id);
    await owner`update detections set claimed_until = now() - interval '1 second' where id = ${d.id}`;
    const res = await postReview(bob.session, d.id, { action: 'approve', verdict: 'genuine' });
    expect(res.status).toBe(200);
  });

  it('claiming a reviewed item, or one not sent to review, is a 409; an unknown id a 404', async () => {
    const reviewed = await insertDetection(owner, m, { reviewStatus: 'approved', reviewedBy: 'x@example.com' });
    expect((await claim(ana.session, reviewed.id)).status).toBe(409);
    const allowed = await insertDetection(owner, m, { decision: 'ALLOW' });
    expect((await claim(ana.session, allowed.id)).status).toBe(409);
    expect((await claim(ana.session, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await claim(ana.session, 'nope')).status).toBe(404);
  });

  it('every open dashboard of the org sees who holds an item, live, and sees it let go', async () => {
    const reader = await SseReader.open({ cookie: bob.session.cookieHeader });
    try {
      await reader.waitFor(() => reader.ofType('connected').length === 1, 5_000, 'connected');
      const d = await insertDetection(owner, m);
      await claim(ana.session, d.id);
      const update = () => reader.ofType('detection_updated').flatMap((e) => e.data.data).filter((x: any) => x.id === d.id);
      await reader.waitFor(() => update().length > 0, 3_000, 'claim event');
      expect(update()[0].review).toMatchObject({ status: 'pending', claim: { name: 'Ana Lyst', email: ana.email } });
      await release(ana.session, d.id);
      await reader.waitFor(() => update().some((x: any) => x.review === null), 3_000, 'release event');
    } finally {
      reader.close();
    }
  });

  it('viewers read the queue but may not claim: 403 naming the role needed', async () => {
    const viewer = await addMember(m, 'viewer');
    const d = await insertDetection(owner, m);
    expect((await viewer.session.fetch('/api/v1/reviews')).status).toBe(200);
    for (const res of [await next(viewer), await claim(viewer.session, d.id), await release(viewer.session, d.id)]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('analyst');
    }
    expect((await claimOf(d.id)).claimed_by_email).toBeNull();
  });

  it("another org can neither claim, release nor be handed this org's items", async () => {
    const other = await newMerchant('claims-other');
    const d = await insertDetection(owner, m);
    expect((await claim(other.session, d.id)).status).toBe(404);
    expect((await release(other.session, d.id)).status).toBe(404);
    expect((await next(other)).body.detection).toBeNull();
    expect((await claimOf(d.id)).claimed_by_email).toBeNull();
  });
});
