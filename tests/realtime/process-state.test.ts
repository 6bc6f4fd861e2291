import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OryloSession } from '@/scripts/lib/http-client';
import { adminSession, BASE_URL, newMerchant, transaction, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';

// The test server is scripts/server.ts: GET /api/v1/events is served by the
// lean Node handler (loaded through tsx), everything else by Next's bundle.
// Two module graphs in one process: the hub, the metrics, the stream limits
// and the nudge bus must be one (lib/process-state.ts), or a stream opened on
// one side is invisible to the other and an ingest wakes nobody.

let m: Merchant;
let admin: OryloSession;
const readers: SseReader[] = [];

beforeAll(async () => {
  m = await newMerchant('graphs');
  admin = await adminSession();
});
afterAll(() => readers.forEach((r) => r.close()));

async function streamsOf(userId: string): Promise<{ active: number; mine: number }> {
  const res = await admin.fetch('/api/admin/metrics');
  expect(res.status).toBe(200);
  const { sse } = await res.json();
  return { active: sse.activeConnections, mine: sse.topUsers.find((u: { userId: string }) => u.userId === userId)?.streams ?? 0 };
}

async function userId(session: OryloSession): Promise<string> {
  const res = await session.fetch('/api/auth/get-session');
  return (await res.json()).user.id;
}

describe('one process, two module graphs, one state', () => {
  it('a stream opened through the lean handler is counted by /api/admin/metrics, which Next serves', async () => {
    const id = await userId(m.session);
    expect((await streamsOf(id)).mine).toBe(0);
    const reader = await SseReader.open({ cookie: m.session.cookieHeader });
    readers.push(reader);
    await reader.waitFor(() => reader.ofType('connected').length === 1, 5_000, 'connected');
    const during = await streamsOf(id);
    expect(during.mine).toBe(1); // the limits' slot table (topUsers)
    expect(during.active).toBeGreaterThanOrEqual(1); // the connection metrics
    reader.close();
    const deadline = Date.now() + 5_000;
    let after = await streamsOf(id);
    while (after.mine !== 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await streamsOf(id);
    }
    expect(after.mine).toBe(0);
  });

  it('an ingest through Next wakes a stream on the lean handler within 100 ms, not at the next poll', async () => {
    const reader = await SseReader.open({ cookie: m.session.cookieHeader });
    readers.push(reader);
    await reader.waitFor(() => reader.ofType('connected').length === 1, 5_000, 'connected');
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      // Off the poll's beat: the test server polls every 1 s.
      await new Promise((r) => setTimeout(r, 150 + i * 130));
      const res = await fetch(`${BASE_URL}/api/v1/transactions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(transaction()),
      });
      expect(res.status).toBe(201);
      const answeredAt = Date.now();
      const { detection } = await res.json();
      await reader.waitFor(() => reader.detections().some((d) => d.id === detection.id), 3_000, 'the detection');
      latencies.push(Date.now() - answeredAt);
    }
    latencies.sort((a, b) => a - b);
    // The median, so one scheduling hiccup on a busy CI machine does not decide it;
    // a split nudge bus would leave every delivery to the 1 s poll (median ~500 ms).
    expect(latencies[2]).toBeLessThan(100);
    expect(latencies[4]).toBeLessThan(1_000);
  });
});
