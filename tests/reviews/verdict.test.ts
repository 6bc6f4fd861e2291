import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { insertDetection, postReview } from './helpers';

// The verdict on each review: stored, in the detection JSON and the audit
// entry; optional for v1 clients; a bad one is a 400 that writes nothing.

const owner = ownerSql();
let m: Merchant;
beforeAll(async () => {
  m = await newMerchant('verdict');
});
afterAll(() => owner.end());

describe('review verdict', () => {
  it('is stored, returned and audited', async () => {
    const d = await insertDetection(owner, m);
    const res = await postReview(m.session, d.id, { action: 'block', verdict: 'fraud', note: 'card testing' });
    expect(res.status).toBe(200);
    expect(res.body.detection.review).toMatchObject({ status: 'blocked', verdict: 'fraud', note: 'card testing' });
    const [row] = await owner`select review_verdict from detections where id = ${d.id}`;
    expect(row.review_verdict).toBe('fraud');
    const [audit] = await owner`select after from audit_log where target_id = ${d.id}`;
    expect(audit.after.review.verdict).toBe('fraud');
    const page = await m.session.json(`/api/v1/detections?limit=50`);
    expect(page.detections.find((x: any) => x.id === d.id).review.verdict).toBe('fraud');
  });

  it('an older client without a verdict still reviews (verdict null)', async () => {
    const d = await insertDetection(owner, m);
    const res = await postReview(m.session, d.id, { action: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body.detection.review).toMatchObject({ status: 'approved', verdict: null });
  });

  it('an unknown verdict is a 400 naming the field, and nothing is written', async () => {
    const d = await insertDetection(owner, m);
    const res = await postReview(m.session, d.id, { action: 'approve', verdict: 'probably fine' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/verdict/);
    expect(res.body.error.message).toContain('"fraud", "genuine" or "unclear"');
    const [row] = await owner`select review_status, review_verdict from detections where id = ${d.id}`;
    expect(row).toEqual({ review_status: null, review_verdict: null });
  });
});

describe('review target', () => {
  it('defaults to 30 minutes, is readable by every member, and an admin changes it with the thresholds', async () => {
    expect((await m.session.json('/api/v1/settings/thresholds')).reviewTargetMinutes).toBe(30);
    const put = await m.session.fetch('/api/v1/settings/thresholds', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ review: 50, block: 80, reviewTargetMinutes: 15 }),
    });
    expect(put.status).toBe(200);
    expect((await put.json()).reviewTargetMinutes).toBe(15);
    const bad = await m.session.fetch('/api/v1/settings/thresholds', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ review: 50, block: 80, reviewTargetMinutes: 0 }),
    });
    expect(bad.status).toBe(400);
    // An older client that sends only the thresholds keeps the target.
    const old = await m.session.fetch('/api/v1/settings/thresholds', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ review: 50, block: 80 }),
    });
    expect((await old.json()).reviewTargetMinutes).toBe(15);
  });
});
