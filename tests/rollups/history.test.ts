import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, uniq, type Merchant } from '../helpers/env';

// GET /api/v1/stats/history?range=24h|7d|30d: the dashboard's longer views,
// fixed numbers of bars from the rollups, each row in its bucket.

const owner = ownerSql();
let m: Merchant;
const HOUR = 3600_000;
const DAY = 24 * HOUR;
type TBucket = { minute: string; allow: number; review: number; block: number };

beforeAll(async () => {
  m = await newMerchant('history');
  const now = Date.now();
  // [age, decision, how many]
  const plan: [number, string, number][] = [
    [2 * HOUR, 'BLOCK', 3],
    [30 * HOUR, 'ALLOW', 5],
    [3 * DAY, 'REVIEW', 7],
    [20 * DAY, 'ALLOW', 11],
    [40 * DAY, 'BLOCK', 13],
  ];
  for (const [age, decision, n] of plan) {
    await owner`
      insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons, created_at)
      select ${m.orgId}, ${uniq('h')} || '-' || g, 100, 'EUR', 50, 'medium', ${decision}, '[]'::jsonb, ${new Date(now - age).toISOString()}::timestamptz
      from generate_series(1, ${n}) g`;
  }
});
afterAll(() => owner.end());

const total = (b: TBucket[]) => b.reduce((n, x) => ({ allow: n.allow + x.allow, review: n.review + x.review, block: n.block + x.block }), { allow: 0, review: 0, block: 0 });

describe('GET /api/v1/stats/history', () => {
  it.each([
    ['24h', 96, 15 * 60, { allow: 0, review: 0, block: 3 }],
    ['7d', 168, 3600, { allow: 5, review: 7, block: 3 }],
    ['30d', 180, 4 * 3600, { allow: 16, review: 7, block: 3 }],
  ] as const)('%s: %i contiguous buckets of %is, oldest first, holding exactly the rows of the period', async (range, n, step, expected) => {
    const h = await m.session.json(`/api/v1/stats/history?range=${range}`);
    expect(h.range).toBe(range);
    expect(h.stepSeconds).toBe(step);
    const buckets: TBucket[] = h.buckets;
    expect(buckets).toHaveLength(n);
    for (let i = 1; i < n; i++) expect(Date.parse(buckets[i].minute) - Date.parse(buckets[i - 1].minute)).toBe(step * 1000);
    // The last bucket holds now.
    const last = Date.parse(buckets[n - 1].minute);
    expect(Date.now()).toBeGreaterThanOrEqual(last);
    expect(Date.now()).toBeLessThan(last + step * 1000 + 5_000);
    expect(total(buckets)).toEqual(expected);
  });

  it('puts a row in the bucket of its time', async () => {
    const [row] = await owner`select created_at from detections where organization_id = ${m.orgId} and decision = 'REVIEW' limit 1`;
    const h = await m.session.json('/api/v1/stats/history?range=7d');
    const start = Math.floor(new Date(row.created_at).getTime() / HOUR) * HOUR;
    const bucket = (h.buckets as TBucket[]).find((b) => Date.parse(b.minute) === start);
    expect(bucket).toEqual({ minute: new Date(start).toISOString(), allow: 0, review: 7, block: 0 });
  });

  it('answers a bad range with a 400 naming the parameter', async () => {
    for (const q of ['range=1y', 'range=', '']) {
      const res = await m.session.fetch(`/api/v1/stats/history?${q}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.message).toMatch(/range/);
    }
  });
});
