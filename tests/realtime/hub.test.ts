import { afterAll, describe, expect, it } from 'vitest';
import type { OryloSession } from '@/scripts/lib/http-client';
import { adminSession, BASE_URL, newMerchant, ownerSql, postTx } from '../helpers/env';
import { SseReader } from '../helpers/sse';

// The shared per-org hub on the main test server (poll interval 1 s).

const owner = ownerSql();
const INTERVAL_MS = 1_000;
afterAll(() => owner.end());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilIdle(admin: OryloSession) {
  const deadline = Date.now() + 10_000;
  let sse = (await admin.json('/api/admin/metrics')).sse;
  while ((sse.activePollers !== 0 || sse.activeConnections !== 0) && Date.now() < deadline) {
    await sleep(200);
    sse = (await admin.json('/api/admin/metrics')).sse;
  }
  return sse;
}

describe('shared per-org hub', () => {
  it('costs one poll per watched org per tick, whatever the viewers, and nothing once they leave', async () => {
    const admin = await adminSession();
    const [a, b] = await Promise.all([newMerchant('hub-a'), newMerchant('hub-b')]);
    const idle = await untilIdle(admin);
    expect(idle.activePollers).toBe(0);

    const readers = await Promise.all([
      ...Array.from({ length: 15 }, () => SseReader.open({ cookie: a.session.cookieHeader })),
      ...Array.from({ length: 15 }, () => SseReader.open({ cookie: b.session.cookieHeader })),
    ]);
    await Promise.all(readers.map((r) => r.waitFor(() => r.messages.length > 0, 5_000, 'connected')));
    const open = (await admin.json('/api/admin/metrics')).sse;
    expect(open.activeConnections).toBe(30);
    expect(open.activePollers).toBe(2);

    try {
      // Count over a quiet window. Each poll is one transaction (read + access check).
      // PostgreSQL's own transaction counter is flushed lazily (up to 10 s late
      // for idle backends), so the benchmark, with longer windows, reports it.
      await sleep(500);
      const polls0 = (await admin.json('/api/admin/metrics')).sse.polls;
      const started = Date.now();
      await sleep(4 * INTERVAL_MS);
      const polls1 = (await admin.json('/api/admin/metrics')).sse.polls;
      const ticks = (Date.now() - started) / INTERVAL_MS;
      const polls = polls1 - polls0;
      expect(polls).toBeGreaterThanOrEqual(2 * Math.floor(ticks) - 2);
      expect(polls).toBeLessThanOrEqual(2 * Math.ceil(ticks) + 2);
    } finally {
      readers.forEach((r) => r.close());
    }
    const after = await untilIdle(admin);
    expect(after.activePollers).toBe(0);
    const pollsIdle0 = after.polls;
    await sleep(3 * INTERVAL_MS);
    expect((await admin.json('/api/admin/metrics')).sse.polls).toBe(pollsIdle0);
  });

  it('a stream resuming from an old cursor catches up on its own, then joins the shared feed, during a paged burst', async () => {
    const m = await newMerchant('hub-burst');
    const live = await SseReader.open({ cookie: m.session.cookieHeader });
    await live.waitFor(() => live.messages.length > 0, 5_000, 'connected');
    const first = await postTx(m, {});
    await live.waitFor(() => live.detections().length === 1, 5_000, 'the first row');
    const oldCursor = live.lastId()!;

    // 1,200 rows in one transaction: more than two pages of 500.
    await owner.begin(async (tx) => {
      await tx`insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons)
               select ${m.orgId}, 'burst-' || g, 100, 'EUR', 0, 'low', 'ALLOW', '[]' from generate_series(1, 1200) g`;
    });
    // Join while the shared poller may still be paging through the burst.
    await sleep(INTERVAL_MS + 50);
    const resumed = await SseReader.open({ cookie: m.session.cookieHeader, lastEventId: oldCursor });
    const tail = [await postTx(m, {}), await postTx(m, {})];
    const total = 1 + 1200 + 2;
    await live.waitFor(() => live.detections().length >= total, 15_000, 'the whole burst on the live stream');
    await resumed.waitFor(() => resumed.detections().length >= total - 1, 15_000, 'the whole burst on the resumed stream');
    await sleep(2 * INTERVAL_MS);

    const expected = (await owner`select id from detections where organization_id = ${m.orgId} order by tx_id, seq`).map((r) => r.id);
    expect(expected).toHaveLength(total);
    expect(live.detections().map((d) => d.id)).toEqual(expected);
    expect(resumed.detections().map((d) => d.id)).toEqual(expected.slice(1));
    expect(expected[0]).toBe(first.id);
    expect(expected.slice(-2)).toEqual(tail.map((d) => d.id));
    // Paged: no event carries more than one page.
    expect(Math.max(...live.ofType('new_detections').map((e) => e.data.data.length))).toBeLessThanOrEqual(500);
    live.close();
    resumed.close();
  });

  it('churn: thousands of connect/disconnect cycles leave no poller and no connection behind', async () => {
    const admin = await adminSession();
    const m = await newMerchant('hub-churn');
    await untilIdle(admin);
    const cycles = 2_000;
    let done = 0;
    const worker = async () => {
      while (done < cycles) {
        done++;
        const controller = new AbortController();
        const res = await fetch(`${BASE_URL}/api/v1/events`, { headers: { cookie: m.session.cookieHeader }, signal: controller.signal });
        expect(res.status).toBe(200);
        // Half read the first bytes, half hang up at once: both must be cleaned up.
        if (done % 2 === 0) await res.body!.getReader().read();
        controller.abort();
      }
    };
    await Promise.all(Array.from({ length: 25 }, worker));
    const after = await untilIdle(admin);
    expect(after.activeConnections).toBe(0);
    expect(after.activePollers).toBe(0);
  }, 120_000);
});
