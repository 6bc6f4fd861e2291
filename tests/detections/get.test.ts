import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postReview } from '../reviews/helpers';
import { newMerchant, ownerSql, postTx, type Merchant } from '../helpers/env';

// GET /api/v1/detections/:id – the one detection shape, for a shareable page.

const owner = ownerSql();
let a: Merchant;
let b: Merchant;
beforeAll(async () => {
  [a, b] = await Promise.all([newMerchant('get-a'), newMerchant('get-b')]);
});
afterAll(() => owner.end());

describe('GET /api/v1/detections/:id', () => {
  it('returns the detection in the shape ingest gave it, with its shadow results and its review', async () => {
    const ingested = await postTx(a, { customerId: 'cus_get', deviceId: 'dev_get' });
    const { detection } = await a.session.json(`/api/v1/detections/${ingested.id}`);
    expect(detection).toEqual(ingested);

    const shadow = [{ code: 'rule_shadow', message: 'Would have blocked: 3 cards from this IP in 10 min > 2 → BLOCK', action: 'BLOCK', mode: 'shadow' }];
    await owner`update detections set decision = 'REVIEW', shadow = ${owner.json(shadow)} where id = ${ingested.id}`;
    expect((await postReview(a.session, ingested.id, { action: 'block', note: 'Card reported stolen' })).status).toBe(200);
    const after = (await a.session.json(`/api/v1/detections/${ingested.id}`)).detection;
    expect(after.shadow).toEqual(shadow);
    expect(after.decision).toBe('BLOCK');
    expect(after.review).toMatchObject({ status: 'blocked', by: a.email, note: 'Card reported stolen' });
  });

  it("answers 404 for an unknown id and for another organization's, 400 for a malformed id", async () => {
    const ingested = await postTx(a, {});
    for (const id of [randomUUID(), ingested.id]) {
      const res = await b.session.fetch(`/api/v1/detections/${id}`);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    for (const id of ['123', 'not-a-uuid', `${ingested.id}x`]) {
      const res = await a.session.fetch(`/api/v1/detections/${id}`);
      expect(res.status, id).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('UUID') });
    }
  });
});
