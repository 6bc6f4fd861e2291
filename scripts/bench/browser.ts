import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { runOpenLoop } from '@/lib/simulate/open-loop';
import { createRng, hashSeed, randomSeed } from '@/lib/simulate/random';
import { progressLine, TrafficRecorder, type TRunSummary } from '@/lib/simulate/recorder';
import { createMix, type TMixPart } from '@/lib/simulate/scenarios';
import { prepareDatabase, type PreparedDatabase } from '@/scripts/lib/database';
import { OryloSession } from '@/scripts/lib/http-client';
import { clickBlock, installPageProbe, mainThreadSeconds, readPageProbe, type TBlockClick } from './browser-probe';
import { summariseBrowserRun, type TBrowserResult } from './browser-report';
import { ensureIngestBuild } from './ingest';
import type { TOptions } from './options';
import { startHubServer } from './setup';
import { dataDirectory, ownerPool } from './db';
import { cpuPercent, postmasterPid, sampleTree } from './proc';

// `npm run bench -- --browser [--dev]`: is the dashboard fast while it streams?
// The production build (or `next dev`) on a fresh embedded PostgreSQL, one
// org made over HTTP, a real Chromium signed in through the form on the
// dashboard; then card testing mixed with shoppers at a fixed, open-loop rate.
// Once the incident opens, the war room shows on the dashboard and the bench
// clicks one of its Block buttons every few seconds. Read from the page:
// long tasks, the main thread's busy share, and click → request latency.

export type TBrowserResources = { server?: ChildProcess; db?: PreparedDatabase; browser?: Browser; restore?: () => void };

/** Returns a function that puts the file back as it is now, if something rewrote it meanwhile. */
function keepFile(file: string): () => void {
  const before = fs.readFileSync(file, 'utf8');
  return () => {
    if (fs.readFileSync(file, 'utf8') !== before) fs.writeFileSync(file, before);
  };
}

const PASSWORD = 'bench-browser-correct-horse';
const CLICK_EVERY_MS = 2_500;
const IDLE_MS = 5_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Busy and total CPU ticks of the whole machine (/proc/stat): how contended the cores were. */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = fields.map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

async function createOrg(baseUrl: string) {
  const label = `bench-browser-${randomBytes(3).toString('hex')}`;
  const session = new OryloSession(baseUrl);
  const email = `${label}@orylo.test`;
  await session.signUp({ email, password: PASSWORD, name: 'Bench analyst' });
  await session.createOrganization('Bench browser org', label);
  const key = await session.createApiKey('bench-browser');
  return { email, apiKey: key.key };
}

export async function runBrowserBench(input: { options: TOptions; secret: string; resources: TBrowserResources; progress: (m: string) => void }): Promise<TBrowserResult> {
  const { options, resources, progress } = input;
  const mode = options.dev ? 'dev' : 'start';
  // next dev (Next 16) builds into .next/dev, beside the production build, and
  // rewrites tsconfig.json when its folder is not listed there: keep both as they are.
  if (mode === 'dev') resources.restore = keepFile('tsconfig.json');
  const build = mode === 'start' ? await ensureIngestBuild(progress) : null;
  const dataDir = `.data/pg-bench-browser-${options.pgPort}`;
  progress(`${build ? `build ${build.buildId} (${build.distDir})` : 'next dev'}; starting PostgreSQL (${dataDir}, fresh)`);
  const db = (resources.db = await prepareDatabase({ dataDir, port: options.pgPort, secret: input.secret, fresh: true }));
  progress(`starting the ${mode === 'dev' ? 'dev' : 'production'} server on 127.0.0.1:${options.port}`);
  resources.server = await startHubServer({ port: options.port, pollIntervalMs: options.pollIntervalMs, ownerUrl: db.ownerUrl, secret: input.secret, mode });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const org = await createOrg(baseUrl);
  const sql = ownerPool(db.ownerUrl, 1);
  const dir = await dataDirectory(sql).finally(() => sql.end({ timeout: 2 }));
  const pgPid = dir ? postmasterPid(dir) : null;

  const browser = (resources.browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS }));
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(mode === 'dev' ? 180_000 : 30_000);
  await installPageProbe(page);
  progress('signing in through the form, opening the dashboard');
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(org.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
  await page.getByTestId('connection-state').and(page.locator('[data-state="live"]')).waitFor();
  // Let hydration and the first fetches settle: the page's load is not what is measured.
  await page.waitForTimeout(3_000);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  // The same counter in the thread's CPU time: on a machine shared with the
  // server, the database and other work, a task waiting for a core inflates
  // wall time but not this.
  const cpu = await context.newCDPSession(page);
  await cpu.send('Performance.enable', { timeDomain: 'threadTicks' });
  // BENCH_BROWSER_CPUPROFILE=<file>: the page's CPU profile over the traffic, for Chrome DevTools' Performance panel.
  const profileFile = process.env.BENCH_BROWSER_CPUPROFILE;
  if (profileFile) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
  // BENCH_BROWSER_TRACE=<file>: a Chrome trace (style, layout, paint per task) over the traffic, for chrome://tracing or DevTools.
  const traceFile = process.env.BENCH_BROWSER_TRACE;
  const seed = randomSeed();
  const parts = [
    { scenario: 'card-testing', share: options.attackShare },
    { scenario: 'normal', share: 1 - options.attackShare },
  ].filter((p) => p.share > 0) as TMixPart[];
  const mix = createMix(parts, { seed });
  const rng = createRng(hashSeed(seed, 'attempts'));
  const recorder = new TrafficRecorder();

  // The page at rest (live, no traffic): what the animations and timers cost on their own.
  const idleFrom = { wall: Date.now(), busy: await mainThreadSeconds(cdp) };
  await page.waitForTimeout(IDLE_MS);
  const idleShare = ((await mainThreadSeconds(cdp)) - idleFrom.busy) / ((Date.now() - idleFrom.wall) / 1000);

  if (traceFile) await browser.startTracing(page, { path: traceFile, categories: (process.env.BENCH_BROWSER_TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline').split(',') });
  const start = { wall: Date.now(), page: (await readPageProbe(page)).now, busy: await mainThreadSeconds(cdp), cpu: await mainThreadSeconds(cpu) };
  const machineBefore = { server: sampleTree(resources.server.pid!), database: pgPid ? sampleTree(pgPid) : null, all: machineTicks() };
  progress(`sending ${options.rate}/s for ${options.duration} s (${Math.round(options.attackShare * 100)} % card testing, the rest shoppers)`);
  let sending = true;
  const traffic = runOpenLoop({
    target: { baseUrl, apiKey: org.apiKey },
    ratePerSecond: options.rate,
    durationSeconds: options.duration,
    next: (i) => mix(rng, i),
    recorder,
    maxInFlight: 256,
    onTick: (s) => Math.floor(s) % 10 === 0 && progress(`  ${progressLine(recorder, s, options.duration)}`),
  }).finally(() => (sending = false));

  // Meanwhile: the busy share second by second, and Block clicks once the war room shows.
  const perSecond: number[] = [];
  const clicks: TBlockClick[] = [];
  let warRoomAt: number | null = null;
  const sampler = (async () => {
    let last = { wall: start.wall, busy: start.busy };
    let nextClickAt = 0;
    while (sending) {
      await new Promise((r) => setTimeout(r, 1_000));
      const now = { wall: Date.now(), busy: await mainThreadSeconds(cdp) };
      perSecond.push((now.busy - last.busy) / ((now.wall - last.wall) / 1000));
      last = now;
      if (warRoomAt === null && (await page.getByTestId('war-block').count()) > 0) {
        warRoomAt = now.wall;
        progress(`  war room open with Block buttons, ${((now.wall - start.wall) / 1000).toFixed(1)} s in`);
      }
      if (warRoomAt !== null && sending && now.wall >= nextClickAt) {
        clicks.push(await clickBlock(page));
        nextClickAt = Date.now() + CLICK_EVERY_MS;
      }
    }
  })();
  await traffic;
  await sampler;
  const end = { wall: Date.now(), busy: await mainThreadSeconds(cdp), cpu: await mainThreadSeconds(cpu) };
  const allAfter = machineTicks();
  const machine = {
    server: cpuPercent(machineBefore.server, sampleTree(resources.server.pid!)),
    database: machineBefore.database && pgPid ? cpuPercent(machineBefore.database, sampleTree(pgPid)) : null,
    busyShare: (allAfter.busy - machineBefore.all.busy) / Math.max(1, allAfter.total - machineBefore.all.total),
  };
  const probe = await readPageProbe(page);
  // BENCH_BROWSER_SCREENSHOT=<file.png>: what the page showed when the traffic ended.
  if (process.env.BENCH_BROWSER_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_BROWSER_SCREENSHOT });
  if (traceFile) await browser.stopTracing();
  if (profileFile) fs.writeFileSync(profileFile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  const run: TRunSummary = recorder.summary();
  await browser.close();
  resources.browser = undefined;

  return summariseBrowserRun({
    options,
    mode,
    build,
    embedded: db.embedded,
    seed,
    run,
    window: { seconds: (end.wall - start.wall) / 1000, busySeconds: end.busy - start.busy, cpuSeconds: end.cpu - start.cpu, pageStart: start.page, pageEnd: probe.now },
    perSecond,
    idleShare,
    machine,
    warRoomAfterSeconds: warRoomAt === null ? null : (warRoomAt - start.wall) / 1000,
    probe,
    clicks,
  });
}
