import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, transaction, type Merchant } from '../helpers/env';
import { addListEntry, card, isolated, randomIp } from './helpers';

// Ingest latency with the rule engine at 200 requests/s (the target: p95 < 25 ms
// on the 2-core reference machine). Opt-in, since a shared or loaded machine
// measures its neighbours: RULES_LOAD=1 npm test -- tests/rules/load.test.ts
// (RULES_LOAD_RATE and RULES_LOAD_SECONDS tune it; RULES_LOAD_P95_MS sets the bar).

const RATE = Number(process.env.RULES_LOAD_RATE ?? 200);
const SECONDS = Number(process.env.RULES_LOAD_SECONDS ?? 20);
const P95_MS = Number(process.env.RULES_LOAD_P95_MS ?? 25);

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const url = new URL(BASE_URL);

function post(apiKey: string, body: unknown): Promise<{ status: number; ms: number }> {
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: '/api/v1/transactions', method: 'POST', agent, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(payload);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

let merchants: Merchant[] = [];
beforeAll(async () => {
  if (!process.env.RULES_LOAD) return;
  merchants = await Promise.all([newMerchant('load-a'), newMerchant('load-b'), newMerchant('load-c')]);
  for (const m of merchants) {
    for (let i = 0; i < 20; i++) await addListEntry(m, { type: 'ip', value: randomIp(), action: i % 4 ? 'block' : 'allow' });
  }
});
afterAll(() => agent.destroy());

describe.skipIf(!process.env.RULES_LOAD)('ingest under load', () => {
  it(`p95 < ${P95_MS} ms at ${RATE} requests/s`, async () => {
    // Mostly ordinary shoppers; one in five attempts is a card tester on a few IPs (deep velocity windows).
    const attackers = [randomIp(), randomIp(), randomIp()];
    const body = (i: number) =>
      i % 5 === 0
        ? transaction({ ...isolated({ ip: attackers[i % 3], amount: 50, authStatus: 'declined', card: card({ bin: '453201' }) }) })
        : transaction({ ...isolated({ customerId: `cus_${i % 500}`, deviceId: `dev_${i % 700}` }) });

    // Warm-up: compile paths and fill the pool.
    await Promise.all(Array.from({ length: 50 }, (_, i) => post(merchants[i % 3].apiKey, body(i))));

    const total = RATE * SECONDS;
    const results: Promise<{ status: number; ms: number }>[] = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      results.push(post(merchants[i % 3].apiKey, body(i)));
    }
    const done = await Promise.all(results);
    const ms = done.map((r) => r.ms).sort((a, b) => a - b);
    const failed = done.filter((r) => r.status !== 201).length;
    const summary = { requests: total, seconds: SECONDS, p50: pct(ms, 50), p95: pct(ms, 95), p99: pct(ms, 99), max: ms.at(-1), failed };
    process.stdout.write(`ingest load: ${JSON.stringify(summary, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}\n`);
    expect(failed).toBe(0);
    expect(summary.p95).toBeLessThan(P95_MS);
  }, 180_000);
});
