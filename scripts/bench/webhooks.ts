import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { prepareDatabase, type PreparedDatabase } from '@/scripts/lib/database';
import type { TOptions } from './options';
import { RESULTS_DIR } from './report';
import type { TBenchOrg } from './load';
import { createOrgs, ensureBuild, startServer } from './setup';

// `npm run bench -- --webhooks`: a burst of ingests (200, or 100 with --quick;
// 8 at a time) for an organization without webhook endpoints, then for one
// with an endpoint subscribed to detection.created, on the production server
// and a fresh embedded PostgreSQL. Reports ingest latency for both and the
// delivery latency: from the ingest's response to a local receiver getting
// the event. tests/webhooks/latency.test.ts measures the same in the suite.

export type TWebhooksResources = { server?: ChildProcess; db?: PreparedDatabase; receiver?: http.Server };

const CONCURRENCY = 8;
const pct = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
};
const stats = (v: number[]) => ({ n: v.length, p50: pct(v, 0.5), p95: pct(v, 0.95), max: Math.round(Math.max(...v)) });

async function burst(baseUrl: string, org: TBenchOrg, count: number) {
  const latencies: number[] = [];
  const answeredAt = new Map<string, number>();
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < count) {
        const i = sent++;
        const started = performance.now();
        const res = await fetch(`${baseUrl}/api/v1/transactions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ externalId: `wh_${randomBytes(6).toString('hex')}`, amount: 4999, currency: 'EUR', ip: `198.51.100.${(i % 200) + 1}`, email: 'jane@example.com', authStatus: 'authorized' }),
        });
        const body = await res.json();
        latencies.push(performance.now() - started);
        answeredAt.set(body.detection.id, Date.now());
      }
    }),
  );
  return { latencies, answeredAt };
}

export async function runWebhooksBench(input: { options: TOptions; secret: string; resources: TWebhooksResources; progress: (m: string) => void }): Promise<string> {
  const { options, resources, progress } = input;
  const count = options.quick ? 100 : 200;
  const build = await ensureBuild(progress);
  const dataDir = `.data/pg-bench-webhooks-${options.pgPort}`;
  progress(`build ${build.buildId}; starting PostgreSQL (${dataDir}, fresh)`);
  const db = (resources.db = await prepareDatabase({ dataDir, port: options.pgPort, secret: input.secret, fresh: true }));
  // The receiver is local: the server must be allowed to post to it (spawnNext passes process.env on).
  process.env.WEBHOOK_ALLOW_PRIVATE = '1';
  resources.server = await startServer({ port: options.port, ownerUrl: db.ownerUrl, secret: input.secret, strategy: 'hub', pollIntervalMs: options.pollIntervalMs, metricsToken: randomBytes(24).toString('base64url') });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const received: { at: number; detectionId: string }[] = [];
  const receiver = (resources.receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ at: Date.now(), detectionId: JSON.parse(raw).data.detection.id });
      res.end('ok');
    });
  }));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  const [without, withHook] = await createOrgs(baseUrl, randomBytes(3).toString('hex'), 2, 0);
  const created = await fetch(`${baseUrl}/api/v1/webhooks`, {
    method: 'POST',
    headers: { cookie: withHook.cookie, origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: ['detection.created'] }),
  });
  if (created.status !== 201) throw new Error(`creating the endpoint answered ${created.status}: ${await created.text()}`);

  progress(`warm-up: 40 ingests (not measured), then ${count} ingests without an endpoint`);
  await burst(baseUrl, without, 40);
  const quiet = await burst(baseUrl, without, count);
  progress(`${count} ingests with an endpoint subscribed to detection.created`);
  const loud = await burst(baseUrl, withHook, count);
  const deadline = Date.now() + 120_000;
  while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const delivery = received.map((r) => r.at - loud.answeredAt.get(r.detectionId)!);
  const row = (label: string, s: ReturnType<typeof stats>) => `| ${label} | ${s.n} | ${s.p50} | ${s.p95} | ${s.max} |`;
  const markdown = [
    `# Webhooks: delivery latency over a burst, ingest with and without an endpoint (${new Date().toISOString()})`,
    '',
    `Build ${build.buildId}, ${db.embedded ? 'embedded' : 'own'} PostgreSQL, ${count} ingests ${CONCURRENCY} at a time, a local receiver answering 200.`,
    '',
    '| measure | n | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    row('ingest, no endpoint', stats(quiet.latencies)),
    row('ingest, one endpoint subscribed', stats(loud.latencies)),
    row('delivery after the ingest response', stats(delivery)),
    '',
    `${received.length} of ${count} delivered.`,
  ].join('\n');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}-webhooks.md`);
  fs.writeFileSync(file, `${markdown}\n`);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest-webhooks.md'), `${markdown}\n`);
  progress(`report written to ${file}`);
  return markdown;
}
