import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, type Merchant } from '../helpers/env';
import { nginxBinary, startNginx } from '../helpers/nginx';
import { startExtraServer } from '../helpers/server';
import { SseReader } from '../helpers/sse';
import { freePort } from '../helpers/tcp-proxy';

// deploy/nginx.conf, as shipped, in front of a production server started
// with TRUSTED_PROXIES=127.0.0.1: events go through at once, and each client
// keeps its own address (per-IP caps, audit trail).
//
// Every test client connects to nginx from 127.0.0.1, so distinct clients are
// simulated with the X-Forwarded-For they send to nginx: nginx appends the
// address it sees (127.0.0.1), Orylo's socket peer is nginx (127.0.0.1,
// trusted), and walking from the right it skips 127.0.0.1 (trusted) and
// stops at the client's entry. A real client on another host is in the same
// place: nginx appends its address, which is not trusted, and Orylo stops
// there; whatever that client wrote itself stays to the left, unread.

const STREAMS_PER_IP = 2;
const POLL_MS = 5_000;
let m: Merchant;
let server: Awaited<ReturnType<typeof startExtraServer>>;
let nginx: Awaited<ReturnType<typeof startNginx>>;
const readers: SseReader[] = [];

beforeAll(async () => {
  nginxBinary(); // fails here, with how to install it, when nginx is missing
  const listenPort = await freePort();
  const publicUrl = `http://127.0.0.1:${listenPort}`;
  server = await startExtraServer({
    TRUSTED_PROXIES: '127.0.0.1',
    BETTER_AUTH_URL: publicUrl,
    REALTIME_POLL_INTERVAL_MS: String(POLL_MS),
    REALTIME_MAX_STREAMS_PER_IP: String(STREAMS_PER_IP),
    REALTIME_MAX_STREAMS_PER_USER: '1000',
    REALTIME_CONNECTS_PER_MINUTE: '100000',
  });
  nginx = await startNginx({ upstreamPort: Number(new URL(server.url).port), listenPort });
  m = await newMerchant('nginx');
}, 60_000);
afterAll(async () => {
  readers.forEach((r) => r.close());
  await nginx?.stop();
  await server?.stop();
});

const open = async (forwardedFor?: string) => {
  const r = await SseReader.open({ baseUrl: nginx.url, cookie: m.session.cookieHeader, headers: { 'accept-encoding': 'gzip', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) } });
  if (r.response.ok) readers.push(r);
  return r;
};

describe('Orylo behind deploy/nginx.conf', () => {
  it('flushes events through at once: connected within a second, a new detection well under the poll interval', async () => {
    const started = Date.now();
    const r = await open('198.51.100.1');
    await r.waitFor(() => r.ofType('connected').length === 1, 1_000, 'connected through nginx');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.response.headers.get('content-encoding') ?? 'identity').toBe('identity');

    const sent = Date.now();
    const res = await fetch(`${nginx.url}/api/v1/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ externalId: `nginx-${crypto.randomUUID()}`, amount: 100, currency: 'EUR' }),
    });
    expect(res.status).toBe(201);
    const { detection } = await res.json();
    await r.waitFor(() => r.detections().some((d) => d.id === detection.id), POLL_MS, 'the detection through nginx');
    const latency = Date.now() - sent;
    expect(latency).toBeLessThan(1_000);
    r.close();
  });

  it('gives each client its own per-IP stream cap', async () => {
    const a = [await open('198.51.100.10'), await open('198.51.100.10'), await open('198.51.100.10')];
    const b = [await open('198.51.100.20'), await open('198.51.100.20')];
    expect(a.map((r) => r.response.status)).toEqual([200, 200, 429]);
    expect(b.map((r) => r.response.status)).toEqual([200, 200]);
    [...a, ...b].forEach((r) => r.close());
  });

  it("records each client's own address in the audit trail", async () => {
    const value = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const res = await fetch(`${nginx.url}/api/v1/lists`, {
      method: 'POST',
      headers: { cookie: m.session.cookieHeader, origin: nginx.url, 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.30', 'x-orylo-client-ip': '7.7.7.7' },
      body: JSON.stringify({ type: 'ip', value, action: 'block' }),
    });
    expect(res.status).toBe(201);
    const { entries } = await (await fetch(`${nginx.url}/api/v1/audit?action=list`, { headers: { cookie: m.session.cookieHeader } })).json();
    expect(entries.find((e: { after?: { value?: string } }) => e.after?.value === value)?.ip).toBe('198.51.100.30');
  });
});
