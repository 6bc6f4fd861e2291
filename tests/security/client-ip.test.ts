import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, BASE_URL, newMerchant, uniq, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';

// The client's address is the socket's unless TRUSTED_PROXIES says the socket
// is a proxy: a client-sent X-Forwarded-For buys nothing (no fresh rate-limit
// budget, no fresh stream slots, no fake audit address), and a HEAD on the
// stream takes no slot. (Behind a real proxy: tests/deploy/nginx.test.ts.)

const STREAMS_PER_IP = 5;
let m: Merchant;
let limited: Awaited<ReturnType<typeof startExtraServer>>;
const open: Response[] = [];

beforeAll(async () => {
  m = await newMerchant('client-ip');
  limited = await startExtraServer({
    AUTH_RATE_LIMIT: '1',
    REALTIME_MAX_STREAMS_PER_IP: String(STREAMS_PER_IP),
    // The per-IP stream cap is what this file tests, not the connect rate or the per-user cap.
    REALTIME_CONNECTS_PER_MINUTE: '100000',
    REALTIME_MAX_STREAMS_PER_USER: '100000',
  });
}, 60_000);
afterAll(async () => {
  for (const res of open) await res.body?.cancel().catch(() => {});
  await limited?.stop();
});

const spoofed = (i: number) => `6.6.${Math.floor(i / 250)}.${(i % 250) + 1}`;

describe('the client IP', () => {
  it('HEAD on the stream is a 405 that takes no slot: five of them leave no open stream within a second', async () => {
    const admin = await adminSession();
    const { user } = await (await m.session.fetch('/api/auth/get-session')).json();
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${BASE_URL}/api/v1/events`, { method: 'HEAD', headers: { cookie: m.session.cookieHeader, 'x-forwarded-for': spoofed(i) } });
      answers.push([res.status, res.headers.get('allow'), res.headers.get('content-type')]);
    }
    expect(answers).toEqual(Array(5).fill([405, 'GET', 'application/json']));
    await new Promise((r) => setTimeout(r, 1_000));
    const { sse } = await admin.json('/api/admin/metrics');
    expect(sse.topUsers.find((u: { userId: string }) => u.userId === user.id)?.streams ?? 0).toBe(0);
  });

  it('a list change with a spoofed X-Forwarded-For (and a spoofed internal header) records the real address', async () => {
    const value = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const res = await m.session.fetch('/api/v1/lists', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6', 'x-orylo-client-ip': '7.7.7.7' },
      body: JSON.stringify({ type: 'ip', value, action: 'block' }),
    });
    expect(res.status).toBe(201);
    const { entries } = await m.session.json('/api/v1/audit?action=list');
    const entry = entries.find((e: { after?: { value?: string } }) => e.after?.value === value);
    expect(entry?.ip).toBe('127.0.0.1');
  });

  it('40 wrong passwords from one client with a rotating X-Forwarded-For get at least 37 × 429', async () => {
    const email = `${uniq('brute')}@example.com`;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${limited.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: limited.url, 'x-forwarded-for': spoofed(i), 'x-orylo-client-ip': spoofed(i + 1000) },
        body: JSON.stringify({ email, password: `wrong-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(37);
  });

  it('134 streams from one address, each with another X-Forwarded-For, are held to REALTIME_MAX_STREAMS_PER_IP', async () => {
    const statuses: number[] = [];
    const refusals = new Set<string>();
    for (let i = 0; i < 134; i++) {
      const res = await fetch(`${limited.url}/api/v1/events`, { headers: { cookie: m.session.cookieHeader, 'x-forwarded-for': spoofed(i), 'x-orylo-client-ip': spoofed(i) } });
      statuses.push(res.status);
      if (res.ok) open.push(res);
      else refusals.add((await res.json()).error.message);
    }
    expect(statuses.filter((s) => s === 200).length).toBe(STREAMS_PER_IP);
    expect(statuses.filter((s) => s === 429).length).toBe(134 - STREAMS_PER_IP);
    expect([...refusals]).toEqual([`Too many live streams from your address (limit ${STREAMS_PER_IP}).`]);
  });
});
