import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runOpenLoop } from '@/lib/simulate/open-loop';
import { createRng, hashSeed, randomSeed } from '@/lib/simulate/random';
import { progressLine, TrafficRecorder, type TRunSummary } from '@/lib/simulate/recorder';
import { createMix, type TMixPart } from '@/lib/simulate/scenarios';
import { prepareDatabase, type PreparedDatabase } from '@/scripts/lib/database';
import { runNextBuild } from '@/scripts/lib/next-process';
import { dataDirectory, ownerPool, type Sql } from './db';
import type { TOptions } from './options';
import { cpuPercent, postmasterPid, sampleTree } from './proc';
import { createOrgs, ensureBuild, startHubServer } from './setup';

// `npm run bench -- --ingest`: how fast POST /api/v1/transactions answers while
// the org is under a card-testing attack. The production server on a fresh
// embedded PostgreSQL, one org made over HTTP (its default rules seeded by the
// server), then card testing mixed with ordinary shoppers at a fixed, open-loop
// rate; latency is measured at the client, request sent → response read.

export type TIngestResources = { server?: ChildProcess; sql?: Sql; db?: PreparedDatabase };

export type TIngestResult = {
  rate: number;
  duration: number;
  attackShare: number;
  seed: number;
  requested: number;
  build: { buildId: string; builtAt: string; distDir: string };
  embedded: boolean;
  warmup: { seconds: number; sent: number; statuses: Record<string, number> };
  run: TRunSummary;
  /** Rows of the measured org in `detections` after the run, by decision (cross-check of the 201s). */
  stored: { total: number; byDecision: Record<string, number> };
  /** % of one core over the measured window. */
  cpu: { server: number; database: number | null; client: number };
  serverRssMb: { before: number; after: number };
};

export const INGEST_P95_TARGET_MS = 25;
const WARMUP_SECONDS = 3;
const MAX_IN_FLIGHT = 256;

/**
 * The production build in NEXT_DIST_DIR (default `.next`), built first when it
 * has none. setup.ts's ensureBuild only knows `.next`, so another folder is
 * handled here (a second engineer's bench must not use, or rebuild, the first one's).
 */
export async function ensureIngestBuild(progress: (m: string) => void): Promise<TIngestResult['build']> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (distDir === '.next') return { ...(await ensureBuild(progress)), distDir };
  const file = path.join(distDir, 'BUILD_ID');
  if (!fs.existsSync(file)) {
    progress(`no production build in ${distDir}: running \`next build\``);
    const code = await runNextBuild({ quiet: true });
    if (code !== 0 || !fs.existsSync(file)) throw new Error('`next build` failed');
  }
  return { buildId: fs.readFileSync(file, 'utf8').trim(), builtAt: fs.statSync(file).mtime.toISOString(), distDir };
}

async function storedByDecision(sql: Sql, orgId: string): Promise<TIngestResult['stored']> {
  const rows = await sql<{ decision: string; n: number }[]>`
    select decision, count(*)::int as n from detections where organization_id = ${orgId} group by decision`;
  const byDecision = Object.fromEntries(rows.map((r) => [r.decision, r.n]));
  return { total: rows.reduce((sum, r) => sum + r.n, 0), byDecision };
}

export async function runIngestBench(input: { options: TOptions; secret: string; resources: TIngestResources; progress: (m: string) => void }): Promise<TIngestResult> {
  const { options, resources, progress } = input;
  const build = await ensureIngestBuild(progress);
  const dataDir = `.data/pg-bench-ingest-${options.pgPort}`;
  progress(`build ${build.buildId} (${build.distDir}); starting PostgreSQL (${dataDir}, fresh)`);
  const db = (resources.db = await prepareDatabase({ dataDir, port: options.pgPort, secret: input.secret, fresh: true }));
  const sql = (resources.sql = ownerPool(db.ownerUrl, 2));
  const dir = await dataDirectory(sql);
  const pgPid = dir ? postmasterPid(dir) : null;

  progress(`starting the production server on 127.0.0.1:${options.port}`);
  const server = (resources.server = await startHubServer({ port: options.port, pollIntervalMs: options.pollIntervalMs, ownerUrl: db.ownerUrl, secret: input.secret }));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  // Two orgs: the warm-up's velocity must not count in the measured org's rules.
  const [measured, warm] = await createOrgs(baseUrl, randomBytes(3).toString('hex'), 2, 0);

  const seed = randomSeed();
  const parts: TMixPart[] = [
    { scenario: 'card-testing', share: options.attackShare },
    { scenario: 'normal', share: 1 - options.attackShare },
  ].filter((p) => p.share > 0) as TMixPart[];
  const load = (orgKey: string, rate: number, seconds: number, mixSeed: number, recorder: TrafficRecorder, onTick?: (s: number) => void) => {
    const mix = createMix(parts, { seed: mixSeed });
    const rng = createRng(hashSeed(mixSeed, 'attempts'));
    return runOpenLoop({ target: { baseUrl, apiKey: orgKey }, ratePerSecond: rate, durationSeconds: seconds, next: (i) => mix(rng, i), recorder, maxInFlight: MAX_IN_FLIGHT, onTick });
  };

  progress(`warm-up: ${WARMUP_SECONDS} s at ${Math.min(options.rate, 100)}/s on a second org (not measured)`);
  const warmRecorder = new TrafficRecorder();
  await load(warm.apiKey, Math.min(options.rate, 100), WARMUP_SECONDS, hashSeed(seed, 'warm-up'), warmRecorder);
  const warmup = warmRecorder.summary();
  await new Promise((r) => setTimeout(r, 1_000));

  progress(`measuring: ${Math.round(options.attackShare * 100)} % card testing + ${Math.round((1 - options.attackShare) * 100)} % shoppers at ${options.rate}/s for ${options.duration} s`);
  const recorder = new TrafficRecorder();
  const serverBefore = sampleTree(server.pid!);
  const dbBefore = pgPid ? sampleTree(pgPid) : null;
  const clientBefore = { at: performance.now(), cpu: process.cpuUsage() };
  let lastTick = 0;
  await load(measured.apiKey, options.rate, options.duration, seed, recorder, (s) => {
    if (s - lastTick < 5) return;
    lastTick = s;
    progress(`  ${progressLine(recorder, s, options.duration)}`);
  });
  const serverAfter = sampleTree(server.pid!);
  const dbAfter = pgPid ? sampleTree(pgPid) : null;
  const clientCpu = process.cpuUsage(clientBefore.cpu);
  const clientSeconds = (performance.now() - clientBefore.at) / 1000;

  return {
    rate: options.rate,
    duration: options.duration,
    attackShare: options.attackShare,
    seed,
    requested: Math.floor(options.rate * options.duration),
    build,
    embedded: db.embedded,
    warmup: { seconds: WARMUP_SECONDS, sent: warmup.sent, statuses: warmup.statuses },
    run: recorder.summary(),
    stored: await storedByDecision(sql, measured.orgId),
    cpu: {
      server: cpuPercent(serverBefore, serverAfter),
      database: dbBefore && dbAfter ? cpuPercent(dbBefore, dbAfter) : null,
      client: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / clientSeconds) * 1000) / 10,
    },
    serverRssMb: { before: Math.round(serverBefore.rssKb / 1024), after: Math.round(serverAfter.rssKb / 1024) },
  };
}
