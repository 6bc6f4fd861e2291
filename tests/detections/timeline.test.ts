import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';

// GET /api/v1/stats → timeline: 60 UTC minutes of detections split by decision.

type TBucket = { minute: string; allow: number; review: number; block: number };
type TDecision = 'ALLOW' | 'REVIEW' | 'BLOCK';

const owner = ownerSql();
let a: Merchant;
let b: Merchant;
beforeAll(async () => {
  [a, b] = await Promise.all([newMerchant('timeline-a'), newMerchant('timeline-b')]);
});
afterAll(() => owner.end());

const MINUTE = 60_000;
const floorMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
const KEY: Record<TDecision, 'allow' | 'review' | 'block'> = { ALLOW: 'allow', REVIEW: 'review', BLOCK: 'block' };
const sum = (t: TBucket[], k?: 'allow' | 'review' | 'block') => t.reduce((n, x) => n + (k ? x[k] : x.allow + x.review + x.block), 0);

/** Expected buckets, keyed by minute, from what the API said it stored. */
function bucketsOf(detections: { createdAt: string; decision: TDecision }[]) {
  const byMinute = new Map<string, TBucket>();
  for (const d of detections) {
    const minute = new Date(floorMinute(Date.parse(d.createdAt))).toISOString();
    const bucket = byMinute.get(minute) ?? { minute, allow: 0, review: 0, block: 0 };
    bucket[KEY[d.decision]] += 1;
    byMinute.set(minute, bucket);
  }
  return byMinute;
}

function expectTimelineToMatch(timeline: TBucket[], expected: Map<string, TBucket>) {
  for (const bucket of timeline) expect(bucket).toEqual(expected.get(bucket.minute) ?? { minute: bucket.minute, allow: 0, review: 0, block: 0 });
  const listed = new Set(timeline.map((x) => x.minute));
  for (const minute of expected.keys()) expect(listed.has(minute), `minute ${minute} is in the window`).toBe(true);
}

/**
 * A card-testing run from one IP: distinct cards, micro amounts, declined.
 * With the current rules the first two are allowed, the next three go to
 * review and the sixth is blocked; the test only relies on what the API answers.
 */
async function cardTestingRun(m: Merchant) {
  const out = [];
  for (let i = 0; i < 6; i++) out.push(await postTx(m, { ip: '203.0.113.66', amount: 50, authStatus: 'declined', card: { fingerprint: uniq('fp'), bin: '424242', last4: '4242' } }));
  return out as { createdAt: string; decision: TDecision }[];
}

describe('GET /api/v1/stats timeline', () => {
  it('has 60 zero-filled UTC minutes, oldest first, the last one the current minute', async () => {
    const before = floorMinute(Date.now());
    const stats = await b.session.json('/api/v1/stats');
    const after = floorMinute(Date.now());
    const timeline: TBucket[] = stats.timeline;

    expect(timeline).toHaveLength(60);
    const starts = timeline.map((x) => Date.parse(x.minute));
    for (const [i, x] of timeline.entries()) {
      expect(new Date(starts[i]).toISOString()).toBe(x.minute);
      expect(starts[i] % MINUTE).toBe(0);
      if (i > 0) expect(starts[i] - starts[i - 1]).toBe(MINUTE);
      expect(x).toEqual({ minute: x.minute, allow: 0, review: 0, block: 0 });
    }
    expect(starts[59]).toBeGreaterThanOrEqual(before);
    expect(starts[59]).toBeLessThanOrEqual(after);
    // The other fields are unchanged.
    expect(stats.lastHour).toEqual({ total: 0, blocked: 0, perMinute: 0 });
    expect(stats.today).toMatchObject({ total: 0, allowed: 0, review: 0, blocked: 0 });
  });

  it('counts each detection in its own minute, split by decision', async () => {
    const ingested = [...(await cardTestingRun(a)), await postTx(a, {}), await postTx(a, {})];
    const decisions = new Set(ingested.map((d) => d.decision));
    expect([...decisions].sort(), 'the run yields every decision').toEqual(['ALLOW', 'BLOCK', 'REVIEW']);

    const stats = await a.session.json('/api/v1/stats');
    const timeline: TBucket[] = stats.timeline;
    expect(timeline).toHaveLength(60);
    expectTimelineToMatch(timeline, bucketsOf(ingested));
    // The minute may have turned while ingesting: compare the whole window.
    expect(sum(timeline)).toBe(ingested.length);
    expect(sum(timeline)).toBe(stats.lastHour.total);
    expect(sum(timeline, 'block')).toBe(stats.lastHour.blocked);
    for (const decision of ['ALLOW', 'REVIEW', 'BLOCK'] as const) {
      expect(sum(timeline, KEY[decision]), decision).toBe(ingested.filter((d) => d.decision === decision).length);
    }
  });

  it('places an older detection in its minute and leaves out those before the window', async () => {
    const c = await newMerchant('timeline-c');
    const [kept, dropped, fresh] = [await postTx(c, {}), await postTx(c, {}), await postTx(c, {})];
    // Arrange only: backdate two rows, since the API always stamps now().
    const [{ created_at: keptAt }] = await owner`update detections set created_at = now() - interval '30 minutes' where id = ${kept.id} returning created_at`;
    await owner`update detections set created_at = now() - interval '2 hours' where id = ${dropped.id}`;

    const stats = await c.session.json('/api/v1/stats');
    const expected = bucketsOf([{ ...kept, createdAt: new Date(keptAt).toISOString() }, fresh]);
    expectTimelineToMatch(stats.timeline, expected);
    expect(sum(stats.timeline)).toBe(2);
    expect(stats.lastHour.total).toBe(2);
  });

  it("never shows another org's detections", async () => {
    const fromB = [await postTx(b, {}), await postTx(b, {}), await postTx(b, {})];
    const [statsA, statsB] = await Promise.all([a.session.json('/api/v1/stats'), b.session.json('/api/v1/stats')]);
    expectTimelineToMatch(statsB.timeline, bucketsOf(fromB));
    expect(sum(statsB.timeline)).toBe(3);
    const [{ n }] = await owner`select count(*)::int as n from detections where organization_id = ${a.orgId}`;
    expect(sum(statsA.timeline)).toBe(n);
    expect(sum(statsA.timeline)).toBe(statsA.lastHour.total);
  });
});
