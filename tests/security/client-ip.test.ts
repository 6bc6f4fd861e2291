import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, BASE_URL, newMerchant, uniq, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { SseReader } from '../helpers/sse';

// The client's address is the socket's unless TRUSTED_PROXIES says the socket
// is a proxy: a client-sent X-Forwarded-For buys nothing (no fresh rate-limit
// budget, no fresh stream slots, no fake audit address), and a HEAD on the
// stream takes no slot.

let m: Merchant;
let limited: Awaited<ReturnType<typeof startExtraServer>>;
const readers: SseReader[] = [];

beforeAll(async () => {
  m = await newMerchant('client-ip');
  limited = await startExtraServer({ AUTH_RATE_LIMIT: '1', REALTIME_MAX_STREAMS_PER_IP: '5' });
}, 60_000);
afterAll(async () => {
  readers.forEach((r) => r.close());
  await limited?.stop();
});

const spoofed = (i: number) => `6.6.${Math.floor(i / 250)}.${(i % 250) + 1}`;

describe('the client IP', () => {
  it('HEAD on the stream is refused without taking a slot', async () => {
    const admin = await adminSession();
    const [{ id }] = [await (await m.session.fetch('/api/auth/get-session')).json()].map((s) => s.user);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${BASE_URL}/api/v1/events`, { method: 'HEAD', headers: { cookie: m.session.cookieHeader } })).status);
    expect(statuses).toEqual([405, 405, 405, 405, 405]);
    await new Promise((r) => setTimeout(r, 1_000));
    const { sse } = await admin.json('/api/admin/metrics');
    expect(sse.topUsers.find((u: { userId: string }) => u.userId === id)?.streams ?? 0).toBe(0);
  });

  it('a list change with a spoofed X-Forwarded-For records the real address', async () => {
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
        headers: { 'content-type': 'application/json', origin: limited.url, 'x-forwarded-for': spoofed(i) },
        body: JSON.stringify({ email, password: `wrong-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(37);
  });

  it('streams opened with a different X-Forwarded-For each are still one address (REALTIME_MAX_STREAMS_PER_IP)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${limited.url}/api/v1/events`, { headers: { cookie: m.session.cookieHeader, 'x-forwarded-for': spoofed(i) } });
      statuses.push(res.status);
      if (res.ok) readers.push({ close: () => res.body?.cancel().catch(() => {}) } as unknown as SseReader);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });
});
