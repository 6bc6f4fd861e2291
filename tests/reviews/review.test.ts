import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';
import { addMember, insertDetection, postReview } from './helpers';

// POST /api/v1/detections/:id/review and GET /api/v1/reviews against the real
// server and database.

const owner = ownerSql();
let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  [a, b] = await Promise.all([newMerchant('review-a'), newMerchant('review-b')]);
});
afterAll(() => owner.end());

const rowOf = async (id: string) =>
  (await owner`select decision, review_status, reviewed_by, reviewed_at, review_note, xmin::text as xmin from detections where id = ${id}`)[0];
const writesFor = async (id: string) => {
  const [{ updates }] = await owner`select count(*)::int as updates from detection_updates where detection_id = ${id}`;
  const [{ audits }] = await owner`select count(*)::int as audits from audit_log where target_id = ${id}`;
  return { updates, audits };
};

describe('POST /api/v1/detections/:id/review', () => {
  it('approve: ALLOW, the review, a detection_updates row and an audit entry, all in one transaction', async () => {
    const d = await insertDetection(owner, a);
    const res = await postReview(a.session, d.id, { action: 'approve', note: '  Known customer, called them  ' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.detection).toMatchObject({
      id: d.id,
      externalId: d.externalId,
      decision: 'ALLOW',
      review: { status: 'approved', by: a.email, note: 'Known customer, called them' },
    });
    expect(new Date(res.body.detection.review.at).toISOString()).toBe(res.body.detection.review.at);

    const row = await rowOf(d.id);
    expect(row).toMatchObject({ decision: 'ALLOW', review_status: 'approved', reviewed_by: a.email, review_note: 'Known customer, called them' });
    const updates = await owner`select organization_id, xmin::text as xmin from detection_updates where detection_id = ${d.id}`;
    expect(updates).toHaveLength(1);
    expect(updates[0].organization_id).toBe(a.orgId);
    const audits = await owner`select xmin::text as xmin from audit_log where target_id = ${d.id}`;
    expect(audits).toHaveLength(1);
    // xmin is the id of the transaction that wrote each row version: one id, one transaction.
    expect(updates[0].xmin).toBe(row.xmin);
    expect(audits[0].xmin).toBe(row.xmin);
  });

  it('block: BLOCK with the review, no note', async () => {
    const d = await insertDetection(owner, a);
    const res = await postReview(a.session, d.id, { action: 'block' });
    expect(res.status).toBe(200);
    expect(res.body.detection).toMatchObject({ decision: 'BLOCK', review: { status: 'blocked', by: a.email, note: null } });
    expect(await rowOf(d.id)).toMatchObject({ decision: 'BLOCK', review_status: 'blocked', review_note: null });
  });

  it("reaches every open dashboard of the org live, at once (nudged after commit), and no other org's", async () => {
    const analyst = await addMember(a);
    const [mine, colleague, other] = await Promise.all(
      [a.session, analyst.session, b.session].map((s) => SseReader.open({ cookie: s.cookieHeader })),
    );
    try {
      for (const r of [mine, colleague, other]) await r.waitFor(() => r.ofType('connected').length === 1, 5_000, 'connected');
      // The test server polls every second: several reviews all well under that show the nudge, not the tick.
      const latencies: number[] = [];
      for (let i = 0; i < 3; i++) {
        const d = await insertDetection(owner, a);
        const t0 = Date.now();
        const res = await postReview(a.session, d.id, { action: i % 2 ? 'block' : 'approve' });
        expect(res.status).toBe(200);
        const seen = () => colleague.ofType('detection_updated').some((e) => e.data.data.some((x: any) => x.id === d.id));
        await colleague.waitFor(seen, 3_000, 'detection_updated');
        latencies.push(Date.now() - t0);
        const event = colleague.ofType('detection_updated').flatMap((e) => e.data.data).find((x: any) => x.id === d.id);
        expect(event).toMatchObject({ id: d.id, decision: res.body.detection.decision, review: res.body.detection.review });
        await mine.waitFor(() => mine.ofType('detection_updated').some((e) => e.data.data.some((x: any) => x.id === d.id)), 3_000, 'own stream');
      }
      console.info(`[reviews] detection_updated reached another member ${latencies.join(', ')} ms after the response`);
      expect(Math.max(...latencies)).toBeLessThan(600);
      await new Promise((r) => setTimeout(r, 1_200)); // one more poll for anything stray
      expect(other.ofType('detection_updated')).toEqual([]);
    } finally {
      [mine, colleague, other].forEach((r) => r.close());
    }
  });

  it('a second review is a 409 saying who reviewed it and when, and writes nothing', async () => {
    const d = await insertDetection(owner, a);
    const first = await postReview(a.session, d.id, { action: 'approve' });
    expect(first.status).toBe(200);
    const before = await writesFor(d.id);
    const again = await postReview(a.session, d.id, { action: 'block' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect(again.body.error.message).toContain(`already approved by ${a.email} at ${first.body.detection.review.at}`);
    expect(await writesFor(d.id)).toEqual(before);
    expect((await rowOf(d.id)).decision).toBe('ALLOW');
  });

  it('two analysts reviewing at once: exactly one wins, the other gets the 409', async () => {
    const d = await insertDetection(owner, a);
    const analyst = await addMember(a);
    const results = await Promise.all([
      postReview(a.session, d.id, { action: 'approve' }),
      postReview(analyst.session, d.id, { action: 'block' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await writesFor(d.id)).toEqual({ updates: 1, audits: 1 });
    const winner = results.find((r) => r.status === 200)!;
    expect((await rowOf(d.id)).decision).toBe(winner.body.detection.decision);
  });

  it('any member may review, not only owners and admins', async () => {
    const d = await insertDetection(owner, a);
    const analyst = await addMember(a);
    const res = await postReview(analyst.session, d.id, { action: 'block', note: 'card testing' });
    expect(res.status).toBe(200);
    expect(res.body.detection.review).toMatchObject({ status: 'blocked', by: analyst.email, note: 'card testing' });
  });

  it('a detection that is not REVIEW is a 409', async () => {
    for (const decision of ['ALLOW', 'BLOCK'] as const) {
      const d = await insertDetection(owner, a, { decision });
      const res = await postReview(a.session, d.id, { action: 'approve' });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain(`scored ${decision}, not REVIEW`);
      expect(await writesFor(d.id)).toEqual({ updates: 0, audits: 0 });
    }
  });

  it('another org can neither review it (404) nor see it in its queue', async () => {
    const d = await insertDetection(owner, a);
    const res = await postReview(b.session, d.id, { action: 'block' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no detection with this id/i);
    expect(await rowOf(d.id)).toMatchObject({ decision: 'REVIEW', review_status: null });
    expect(await writesFor(d.id)).toEqual({ updates: 0, audits: 0 });
    const queueB = await b.session.json('/api/v1/reviews?limit=200');
    expect(queueB.detections.map((x: any) => x.id)).not.toContain(d.id);
    const queueA = await a.session.json('/api/v1/reviews?limit=200');
    expect(queueA.detections.map((x: any) => x.id)).toContain(d.id);
  });

  it('an id that is not a uuid, or unknown, is a 404, never a 500', async () => {
    for (const id of ['not-a-uuid', '1', "x' or 1=1 --", randomUUID()]) {
      const res = await postReview(a.session, id, { action: 'approve' });
      expect(res.status, id).toBe(404);
      expect(res.body.error.message).toMatch(/no detection with this id/i);
    }
  });

  it('bad bodies are a 400 naming the field, and change nothing', async () => {
    const d = await insertDetection(owner, a);
    const cases: [unknown, string][] = [
      [{}, 'action'],
      [{ action: 'maybe' }, 'action'],
      [{ action: 'APPROVE' }, 'action'],
      [{ action: 'approve', note: 'x'.repeat(501) }, 'note'],
      [{ action: 'approve', note: 42 }, 'note'],
      [{ action: 'approve', reason: 'typo of note' }, 'reason'],
      [[{ action: 'approve' }], ''],
    ];
    for (const [body, field] of cases) {
      const res = await postReview(a.session, d.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message, JSON.stringify(body)).toContain(field);
      if (field) expect(res.body.error.field ?? res.body.error.message).toContain(field);
    }
    const broken = await postReview(a.session, d.id, null, { raw: '{"action": "approve"' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/not valid JSON/);
    const wrongType = await postReview(a.session, d.id, null, { raw: 'action=approve', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(415);
    expect(await rowOf(d.id)).toMatchObject({ decision: 'REVIEW', review_status: null });
    expect(await writesFor(d.id)).toEqual({ updates: 0, audits: 0 });
  });

  it('needs a session', async () => {
    const d = await insertDetection(owner, a);
    const res = await fetch(`${a.session.baseUrl}/api/v1/detections/${d.id}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve' }),
    });
    expect(res.status).toBe(401);
    expect(await writesFor(d.id)).toEqual({ updates: 0, audits: 0 });
  });

  it('works on a detection the scoring sent to REVIEW through the ingest API', async () => {
    const m = await newMerchant('review-ingest');
    // A high amount, then a few attempts from one IP with the same card: REVIEW before BLOCK.
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
    const card = { fingerprint: uniq('fp'), bin: '424242', last4: '4242', country: 'FR' };
    let detection: any = null;
    for (let i = 0; i < 12 && detection?.decision !== 'REVIEW'; i++) detection = await postTx(m, { amount: 600_000, ip, card });
    expect(detection.decision).toBe('REVIEW');
    const queue = await m.session.json('/api/v1/reviews');
    expect(queue.detections.map((x: any) => x.id)).toContain(detection.id);
    const res = await postReview(m.session, detection.id, { action: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body.detection).toMatchObject({ id: detection.id, decision: 'ALLOW', score: detection.score, reasons: detection.reasons });
  });
});

describe('GET /api/v1/reviews', () => {
  it('lists only pending REVIEW detections, newest first, with the pending count, in pages', async () => {
    const m = await newMerchant('queue');
    const first = await insertDetection(owner, m);
    await insertDetection(owner, m, { decision: 'ALLOW' });
    await insertDetection(owner, m, { decision: 'BLOCK' });
    await insertDetection(owner, m, { decision: 'REVIEW', reviewStatus: 'approved', reviewedBy: 'someone@example.com' });
    const second = await insertDetection(owner, m);
    const third = await insertDetection(owner, m);

    const all = await m.session.json('/api/v1/reviews');
    expect(all.detections.map((d: any) => d.id)).toEqual([third.id, second.id, first.id]);
    expect(all.count).toBe(3);
    expect(all.nextCursor).toBeNull();
    expect(all.detections.every((d: any) => d.decision === 'REVIEW' && d.review === null)).toBe(true);

    const page1 = await m.session.json('/api/v1/reviews?limit=2');
    expect(page1.detections.map((d: any) => d.id)).toEqual([third.id, second.id]);
    expect(page1.count).toBe(3);
    const page2 = await m.session.json(`/api/v1/reviews?limit=2&cursor=${page1.nextCursor}`);
    expect(page2.detections.map((d: any) => d.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();

    expect((await postReview(m.session, second.id, { action: 'block' })).status).toBe(200);
    const after = await m.session.json('/api/v1/reviews');
    expect(after.detections.map((d: any) => d.id)).toEqual([third.id, first.id]);
    expect(after.count).toBe(2);
  });

  it('rejects a bad query with the field named', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=abc', 'limit'], ['limit=1000', 'limit'], ['cursor=abc', 'cursor']]) {
      const res = await a.session.fetch(`/api/v1/reviews?${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.field).toBe(field);
    }
  });

  it('needs a session', async () => {
    const res = await fetch(`${a.session.baseUrl}/api/v1/reviews`);
    expect(res.status).toBe(401);
  });
});
