import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { withOrgTransaction } from '@/lib/db';
import { queueWebhookEvent } from '@/lib/webhooks/queue';
import { BASE_URL, newMerchant, transaction, type Merchant } from '../helpers/env';
import { createEndpoint, startReceiver } from './helpers';

// How long a burst of ingests takes to reach a subscribed endpoint, and what
// an endpoint costs the ingest itself: 200 ingests, 8 at a time, for an
// organization without endpoints, then for one with an endpoint subscribed
// to detection.created. Delivery latency: from the ingest's response to the
// receiver getting the event. Figures in the log and in
// $ORYLO_TEST_RESULTS/webhooks-latency.json.

const BURST = 200;
const CONCURRENCY = 8;
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const summary = (values: number[]) => ({ n: values.length, p50: Math.round(pct(values, 50)), p95: Math.round(pct(values, 95)), max: Math.round(Math.max(...values)) });

/** BURST ingests, CONCURRENCY at a time: each one's latency and when its response came (by detection id). */
async function burst(m: Merchant) {
  const latencies: number[] = [];
  const answeredAt = new Map<string, number>();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BURST) {
        next++;
        const t0 = performance.now();
        const res = await fetch(`${BASE_URL}/api/v1/transactions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(transaction({ ip: `198.51.100.${(next % 200) + 1}` })),
        });
        const body = await res.json();
        latencies.push(performance.now() - t0);
        answeredAt.set(body.detection.id, Date.now());
      }
    }),
  );
  return { latencies, answeredAt, seconds: (Date.now() - started) / 1000 };
}

describe('webhook latency under a burst', () => {
  it(`${BURST} ingests: delivery p50/p95, and ingest with and without an endpoint`, async () => {
    const without = await newMerchant('latency-none');
    const quiet = await burst(without);

    const withHook = await newMerchant('latency-hook');
    const r = await startReceiver();
    receivers.push(r);
    await createEndpoint(withHook.session, { url: r.url, events: ['detection.created'] });
    const loud = await burst(withHook);
    await r.waitFor(`all ${BURST} deliveries`, (all) => all.length >= BURST, 120_000);
    const delivery = r.received.map((got) => got.at - loud.answeredAt.get(got.body.data.detection.id)!);

    const report = {
      burst: BURST,
      concurrency: CONCURRENCY,
      ingestWithoutEndpointMs: summary(quiet.latencies),
      ingestWithEndpointMs: summary(loud.latencies),
      deliveryAfterResponseMs: summary(delivery),
      burstSeconds: { without: quiet.seconds, with: loud.seconds },
      lastDeliveryAfterBurstStartS: (Math.max(...r.received.map((g) => g.at)) - Math.min(...[...loud.answeredAt.values()])) / 1000,
    };
    process.stdout.write(`\nwebhooks latency: ${JSON.stringify(report)}\n`);
    if (process.env.ORYLO_TEST_RESULTS) fs.writeFileSync(path.join(process.env.ORYLO_TEST_RESULTS, 'webhooks-latency.json'), JSON.stringify(report, null, 2));

    expect(new Set(r.received.map((g) => g.eventId)).size).toBe(BURST);
    expect(report.deliveryAfterResponseMs.p95).toBeLessThan(30_000);
  }, 240_000);

  it('the enqueue statement alone: an org without endpoints pays one probe, with one an insert and a job', async () => {
    const none = await newMerchant('latency-probe-none');
    const one = await newMerchant('latency-probe-one');
    const r = await startReceiver();
    receivers.push(r);
    await createEndpoint(one.session, { url: r.url, events: ['detection.created'] });
    const detection = { id: 'probe', decision: 'ALLOW', reasons: [{ code: 'x', message: 'y'.repeat(400) }] };
    const time = async (orgId: string, queue: boolean) => {
      const ms: number[] = [];
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await withOrgTransaction(orgId, async (db) => {
          await db.execute(sql`select 1`);
          if (queue) await queueWebhookEvent({ db, orgId, type: 'detection.created', data: { detection }, decision: 'ALLOW' });
        });
        ms.push(performance.now() - t0);
      }
      return summary(ms);
    };
    const report = { transactionOnlyMs: await time(none.orgId, false), noEndpointMs: await time(none.orgId, true), oneEndpointMs: await time(one.orgId, true) };
    process.stdout.write(`\nwebhooks enqueue cost: ${JSON.stringify(report)}\n`);
    if (process.env.ORYLO_TEST_RESULTS) fs.writeFileSync(path.join(process.env.ORYLO_TEST_RESULTS, 'webhooks-enqueue.json'), JSON.stringify(report, null, 2));
    await r.waitFor('the 100 probe events', (all) => all.length >= 100, 60_000);
  }, 120_000);
});
