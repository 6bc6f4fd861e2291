import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { prepareDatabase, type PreparedDatabase } from '@/scripts/lib/database';
import type { TOptions } from './options';
import { RESULTS_DIR } from './report';
import { createOrgs, ensureBuild, startServer } from './setup';

// `npm run bench -- --hostile`: what hostile bodies cost everyone else. The
// production server on a fresh embedded PostgreSQL; waves of ten ingest
// bodies at once (nested 8,000 deep, then a trivially bad `[]` as the
// baseline of ten requests at once), sent from a worker thread so that the
// sender's own work never delays the probe; meanwhile GET /api/health is
// timed from the main thread, as a load balancer would.

export type THostileResources = { server?: ChildProcess; db?: PreparedDatabase };

type TRun = { body: string; waves: number; statuses: Record<string, number>; attackMs: number; health: { n: number; p50: number; p95: number; p99: number; max: number } };

export const HEALTH_P99_TARGET_MS = 50;

/** Runs in the worker: `waves` waves of ten POSTs at once, then reports the statuses. */
const ATTACKER = `
const { parentPort, workerData: { url, apiKey, body, waves } } = require('node:worker_threads');
(async () => {
  const statuses = {};
  const started = performance.now();
  for (let w = 0; w < waves; w++) {
    const send = () => fetch(url, { method: 'POST', headers: { authorization: 'Bearer ' + apiKey, 'content-type': 'application/json' }, body }).then(async (r) => { await r.arrayBuffer(); return r.status; });
    for (const s of await Promise.all(Array.from({ length: 10 }, send))) statuses[s] = (statuses[s] ?? 0) + 1;
  }
  parentPort.postMessage({ statuses, attackMs: performance.now() - started });
})();
`;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;

async function attackWhileProbing(baseUrl: string, apiKey: string, body: string, waves: number): Promise<TRun> {
  const healthMs = async () => {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/api/health`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/api/health answered ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await healthMs(); // a warm connection
  const worker = new Worker(ATTACKER, { eval: true, workerData: { url: `${baseUrl}/api/v1/transactions`, apiKey, body, waves } });
  const done = new Promise<{ statuses: Record<string, number>; attackMs: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  let attacking = true;
  void done.finally(() => (attacking = false));
  const health: number[] = [];
  while (attacking || health.length < 300) {
    health.push(await healthMs());
    await new Promise((r) => setTimeout(r, 2));
  }
  const result = await done;
  await worker.terminate();
  const sorted = [...health].sort((a, b) => a - b);
  return {
    body: body.length > 20 ? `nested ${body.length / 2} deep (${body.length} bytes)` : body,
    waves,
    statuses: result.statuses,
    attackMs: Math.round(result.attackMs),
    health: { n: sorted.length, p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), p99: round(percentile(sorted, 0.99)), max: round(sorted[sorted.length - 1]) },
  };
}

export async function runHostileBench(input: { options: TOptions; secret: string; resources: THostileResources; progress: (m: string) => void }): Promise<string> {
  const { options, resources, progress } = input;
  const build = await ensureBuild(progress);
  const dataDir = `.data/pg-bench-hostile-${options.pgPort}`;
  progress(`build ${build.buildId}; starting PostgreSQL (${dataDir}, fresh)`);
  const db = (resources.db = await prepareDatabase({ dataDir, port: options.pgPort, secret: input.secret, fresh: true }));
  progress(`starting the production server on 127.0.0.1:${options.port}`);
  resources.server = await startServer({ port: options.port, ownerUrl: db.ownerUrl, secret: input.secret, strategy: 'hub', pollIntervalMs: options.pollIntervalMs, metricsToken: randomBytes(24).toString('base64url') });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const [org] = await createOrgs(baseUrl, randomBytes(3).toString('hex'), 1, 0);
  const waves = options.quick ? 5 : 20;
  const bodies = ['[]', `${'['.repeat(8_000)}${']'.repeat(8_000)}`];
  progress('warm-up: 2 waves of each body (not measured)');
  for (const body of bodies) await attackWhileProbing(baseUrl, org.apiKey, body, 2);
  const runs: TRun[] = [];
  for (const body of bodies) {
    progress(`${waves} waves of 10 bodies: ${body.length > 20 ? 'nested 8,000 deep' : body}`);
    runs.push(await attackWhileProbing(baseUrl, org.apiKey, body, waves));
  }
  const deep = runs[1];
  const lines = [
    `# Hostile bodies: /api/health while waves of ten bad ingest bodies arrive (${new Date().toISOString()})`,
    '',
    `Build ${build.buildId}, ${db.embedded ? 'embedded' : 'own'} PostgreSQL. Target: /api/health p99 < ${HEALTH_P99_TARGET_MS} ms while ten depth-8,000 bodies arrive at once, every one a 4xx.`,
    '',
    '| body | waves × 10 | answers | all answered in ms | health probes | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => `| ${r.body} | ${r.waves} | ${Object.entries(r.statuses).map(([s, n]) => `${n} × ${s}`).join(', ')} | ${r.attackMs} | ${r.health.n} | ${r.health.p50} | ${r.health.p95} | ${r.health.p99} | ${r.health.max} |`),
    '',
    `Target ${deep.health.p99 < HEALTH_P99_TARGET_MS && Object.keys(deep.statuses).every((s) => s.startsWith('4')) ? 'met' : 'NOT met'}.`,
  ];
  const markdown = lines.join('\n');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}-hostile.md`);
  fs.writeFileSync(file, `${markdown}\n`);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest-hostile.md'), `${markdown}\n`);
  progress(`report written to ${file}`);
  return markdown;
}
