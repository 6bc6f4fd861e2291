import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { SseReader } from '../helpers/sse';

// Limits over real HTTP, on a server of their own with tiny caps.

let server: Awaited<ReturnType<typeof startExtraServer>>;
let a: Merchant;
let b: Merchant;
const readers: SseReader[] = [];

beforeAll(async () => {
  server = await startExtraServer({
    REALTIME_MAX_STREAMS_PER_USER: '2',
    REALTIME_MAX_CONNECTIONS: '3',
    REALTIME_MAX_STREAMS_PER_IP: '100',
    REALTIME_MAX_STREAMS_PER_ORG: '100',
    REALTIME_CONNECTS_PER_MINUTE: '8',
  });
  [a, b] = await Promise.all([newMerchant('limits-a'), newMerchant('limits-b')]);
}, 60_000);
afterAll(async () => {
  readers.forEach((r) => r.close());
  await server.stop();
});

const open = async (m: Merchant) => {
  const r = await SseReader.open({ cookie: m.session.cookieHeader, baseUrl: server.url });
  readers.push(r);
  return r;
};

async function expectRefused(m: Merchant, status: number) {
  const r = await open(m);
  expect(r.response.status).toBe(status);
  expect(Number(r.response.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = await r.response.json();
  expect(body.error.message).toEqual(expect.any(String));
  return body;
}

describe('stream limits over HTTP', () => {
  it('429 past the per-user cap, 503 past the instance capacity, and closing frees the slots', async () => {
    const [a1, a2] = [await open(a), await open(a)];
    expect([a1.response.status, a2.response.status]).toEqual([200, 200]);
    expect((await expectRefused(a, 429)).error.code).toBe('rate_limited');

    const b1 = await open(b);
    expect(b1.response.status).toBe(200);
    expect((await expectRefused(b, 503)).error.code).toBe('unavailable');

    a1.close();
    b1.close();
    await new Promise((r) => setTimeout(r, 300));
    const a3 = await open(a);
    expect(a3.response.status).toBe(200);
    a2.close();
    a3.close();
  });

  it('429 past the connections-per-minute cap', async () => {
    // Eight new connections a minute for user b: two were made above.
    let refused: SseReader | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const r = await open(b);
      if (r.response.status === 429) refused = r;
      else r.close();
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(refused).toBeDefined();
    const retryAfter = Number(refused!.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await refused!.response.json()).error.message).toMatch(/a minute/);
  });
});
