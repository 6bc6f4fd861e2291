import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, postTx, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';

// Through the HTTP API, org B never receives org A's detections.

let a: Merchant;
let b: Merchant;
const readers: SseReader[] = [];
beforeAll(async () => {
  [a, b] = await Promise.all([newMerchant('iso-a'), newMerchant('iso-b')]);
});
afterAll(() => readers.forEach((r) => r.close()));

describe('tenant isolation over HTTP', () => {
  it('list, stats, catch-up and stream of org B show nothing of org A', async () => {
    const streamA = await SseReader.open({ cookie: a.session.cookieHeader });
    const streamB = await SseReader.open({ cookie: b.session.cookieHeader });
    readers.push(streamA, streamB);
    await Promise.all([streamA, streamB].map((r) => r.waitFor(() => r.messages.length > 0, 5_000, 'connected')));

    const fromA = await Promise.all([postTx(a, {}), postTx(a, {}), postTx(a, {})]);
    const fromB = await postTx(b, {});
    await streamA.waitFor(() => streamA.detections().length >= 3, 5_000, "A's detections");
    await streamB.waitFor(() => streamB.detections().length >= 1, 5_000, "B's detection");
    await new Promise((r) => setTimeout(r, 1_500)); // one more poll interval for anything stray

    const aIds = new Set(fromA.map((d) => d.id));
    expect(streamB.detections().map((d) => d.id)).toEqual([fromB.id]);
    expect(streamA.detections().every((d) => aIds.has(d.id))).toBe(true);

    const listB = await b.session.json('/api/v1/detections?limit=200');
    expect(listB.detections.map((d: any) => d.id)).toEqual([fromB.id]);
    const catchUpB = await b.session.json('/api/v1/detections?after=0-0');
    expect(catchUpB.detections.map((d: any) => d.id)).toEqual([fromB.id]);
    const statsB = await b.session.json('/api/v1/stats');
    expect(statsB.today.total).toBe(1);
    const statsA = await a.session.json('/api/v1/stats');
    expect(statsA.today.total).toBe(3);
    expect(statsA.today.allowed + statsA.today.review + statsA.today.blocked).toBe(3);
  });

  it('switching the active org to one you do not belong to is refused', async () => {
    const res = await b.session.fetch('/api/auth/organization/set-active', { method: 'POST', body: JSON.stringify({ organizationId: a.orgId }) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    // Whatever Better Auth did with the session, B must still see nothing of A.
    const after = await b.session.fetch('/api/v1/detections');
    if (after.status === 200) expect((await after.json()).detections.map((d: any) => d.id)).toHaveLength(1);
    else expect(after.status).toBe(403);
    await b.session.post('/api/auth/organization/set-active', { organizationId: b.orgId });
    const statsB = await b.session.json('/api/v1/stats');
    expect(statsB.today.total).toBe(1);
  });
});
