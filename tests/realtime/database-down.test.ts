import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, transaction, type Merchant } from '../helpers/env';
import { startServerBehindDbProxy, type startExtraServer } from '../helpers/server';
import type { startTcpProxy } from '../helpers/tcp-proxy';

// A second production server whose only way to PostgreSQL is a proxy the
// test can cut: when the database is unreachable, the API answers 503 with
// Retry-After (never a 500), Better Auth's endpoints included, and recovers by itself.

let URL_B: string;
let server: Awaited<ReturnType<typeof startExtraServer>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let m: Merchant;

beforeAll(async () => {
  ({ proxy, server } = await startServerBehindDbProxy());
  URL_B = server.url;
  m = await newMerchant('db-down');
}, 60_000);

afterAll(async () => {
  await server.stop();
  await proxy.close();
});

const get = (path: string) => fetch(URL_B + path, { headers: { cookie: m.session.cookieHeader } });

describe('database unreachable', () => {
  it('answers 503 with Retry-After on the stream, reads and ingest, then recovers', async () => {
    expect((await get('/api/v1/stats')).status).toBe(200);
    proxy.block();
    try {
      for (const res of [
        await get('/api/v1/events'),
        await get('/api/v1/stats'),
        await fetch(`${URL_B}/api/v1/transactions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(transaction()),
        }),
        await fetch(`${URL_B}/api/health`),
        // Better Auth's own endpoints too, not a 500 with an empty body.
        await get('/api/auth/get-session'),
        await fetch(`${URL_B}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: URL_B },
          body: JSON.stringify({ email: m.email, password: 'correct-horse-battery' }),
        }),
      ]) {
        expect(res.status, res.url).toBe(503);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await res.json()).error.code).toBe('unavailable');
      }
    } finally {
      proxy.unblock();
    }
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await get('/api/v1/stats')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 300));
    }
    expect(status).toBe(200);
  });
});
