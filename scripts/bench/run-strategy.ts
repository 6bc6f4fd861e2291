import { stopChild } from '@/scripts/lib/next-process';
import { calibrate, drainAndVerify, expectedDeliveries, loadTargets, waitForNoStreams, type TBenchContext, type TCalibration, type TLoadResult } from './context';
import { maxDetectionSeq, readTransactionCount } from './db';
import { runLoad } from './load';
import type { TStrategy } from './options';
import { cpuPercent, sampleLiveMemory, sampleTree, type TProcSample } from './proc';
import type { TOpenResult, TVerifyResult } from './protocol';
import { pollRate, readCounters, readServerMetrics, type TServerMetrics } from './server-metrics';
import { createAdmin, createOrgs, ensureAdmin, startServer } from './setup';
import { round1, sleep } from './stats';

// One strategy, end to end: server up, warm-up, N streams, a quiet phase
// (the cost of watching), the load window (the cost of delivering), a drain,
// the check of every delivery, and the server down again.

const STATS_SETTLE_MS = 11_000;

/** One watched org in five takes no API write, so that the timer poll alone is measured too. */
export const pollOnlyOrgCount = (orgs: number) => (orgs >= 2 ? Math.max(1, Math.floor(orgs / 5)) : 0);

export type TPhase = {
  seconds: number;
  /** pg_stat_database transactions per second, all of them. */
  dbTxPerSecond: number;
  /** Transactions the write load causes by itself (calibrated), per second. */
  loadTxPerSecond: number;
  /** dbTxPerSecond − loadTxPerSecond: what delivering to the streams costs. */
  deliveryTxPerSecond: number;
  /** From the server's own poll counter, when it exposes one. */
  pollsPerSecond?: number;
  serverCpuPercent: number;
  databaseCpuPercent?: number;
  clientCpuPercent?: number;
};

export type TStrategyResult = {
  strategy: TStrategy;
  serverStrategy?: string;
  streams: TOpenResult;
  orgs: number;
  quiet: TPhase;
  load: TPhase & { api: TLoadResult['api']; sql: TLoadResult['sql'] };
  rss: {
    beforeKb: number;
    /** After the first half of the streams. */
    halfKb: number;
    settledKb: number;
    /** At the end of the quiet phase: the figure per stream is computed from it. */
    steadyKb: number;
    peakKb: number;
    perStreamKb: number;
    /** (steady − half) ÷ streams of the second half: the cost of one more stream. */
    marginalPerStreamKb: number;
    /** V8 heap used (from the server's metrics) growth ÷ streams, when exposed. */
    heapPerStreamKb?: number;
    processes: number;
  };
  delivery: TVerifyResult & { drainMs: number; complete: boolean };
  metrics: { atLoadEnd: TServerMetrics | null; afterClose: TServerMetrics | null; closeMs: number };
  calibration: TCalibration;
  notes: string[];
};

function heapGrowthKb(a: TServerMetrics | null, b: TServerMetrics | null, streams: number): number | undefined {
  if (a?.heapUsedBytes === undefined || b?.heapUsedBytes === undefined) return undefined;
  return round1((b.heapUsedBytes - a.heapUsedBytes) / 1024 / streams);
}

/** Counters read at the edges of a phase; the server's without a database query (see readCounters). */
async function openPhase(ctx: TBenchContext) {
  const metrics = await readCounters(ctx.baseUrl, ctx.metricsToken, ctx.admin);
  const client = await ctx.client!.status();
  const server = sampleTree(ctx.server!.pid!);
  const pg = ctx.pgPid ? sampleTree(ctx.pgPid) : null;
  const tx = await readTransactionCount(ctx.ownerUrl);
  return { metrics, client, server, pg, tx, at: Date.now() };
}

async function closePhase(ctx: TBenchContext, start: Awaited<ReturnType<typeof openPhase>>, loadTx: number): Promise<{ phase: TPhase; metrics: TServerMetrics | null; server: TProcSample }> {
  const tx = await readTransactionCount(ctx.ownerUrl);
  const at = Date.now();
  const server = sampleTree(ctx.server!.pid!);
  const pg = ctx.pgPid ? sampleTree(ctx.pgPid) : null;
  const client = await ctx.client!.status();
  const metrics = await readCounters(ctx.baseUrl, ctx.metricsToken, ctx.admin);
  const seconds = (at - start.at) / 1000;
  // The opening reading is counted in this one: take it out.
  const raw = (tx - start.tx - ctx.readCost) / seconds;
  const load = loadTx / seconds;
  return {
    phase: {
      seconds: round1(seconds),
      dbTxPerSecond: round1(raw),
      loadTxPerSecond: round1(load),
      deliveryTxPerSecond: round1(Math.max(0, raw - load)),
      pollsPerSecond: pollRate(start.metrics, metrics, seconds),
      serverCpuPercent: cpuPercent(start.server, server),
      databaseCpuPercent: pg && start.pg ? cpuPercent(start.pg, pg) : undefined,
      clientCpuPercent: round1(((client.cpuMs - start.client.cpuMs) / 1000 / seconds) * 100),
    },
    metrics,
    server,
  };
}

/**
 * Server up with `strategy`; on the first run the orgs and the admin are
 * created; a warm-up loads the route code; then, when not given, the
 * calibration of the write load. Leaves no stream open.
 */
export async function bringUp(ctx: TBenchContext, strategy: TStrategy, first: boolean, calibration?: TCalibration): Promise<TCalibration> {
  const { options, progress } = ctx;
  progress(`[${strategy}] starting the server`);
  ctx.server = await startServer({ port: ctx.port, ownerUrl: ctx.ownerUrl, secret: ctx.secret, strategy, pollIntervalMs: options.pollIntervalMs, metricsToken: ctx.metricsToken });

  if (first) {
    progress(`creating ${options.orgs} organizations (+1 idle) with a user and an API key each`);
    const pollOnly = pollOnlyOrgCount(options.orgs);
    const all = await createOrgs(ctx.baseUrl, Date.now().toString(36), options.orgs, pollOnly);
    const [idle] = await createOrgs(ctx.baseUrl, `${Date.now().toString(36)}i`, 1, 0);
    ctx.orgs = all;
    ctx.idleOrg = { ...idle, index: options.orgs };
    ctx.admin = await createAdmin(ctx.baseUrl);
  } else if (ctx.admin) await ensureAdmin(ctx.admin);
  const client = ctx.client!;
  await client.init(ctx.host, ctx.port, ctx.orgs.map((o) => o.cookie));

  // Warm-up: load the route code and JIT both paths, then close everything.
  progress(`[${strategy}] warm-up`);
  await client.open(ctx.orgs.length, { concurrency: options.concurrency, timeoutMs: 30_000 });
  await runLoad({ ...loadTargets(ctx), sql: ctx.sql, apiRate: Math.min(options.rate, 20), sqlRate: 0, durationMs: 2_000 });
  await client.closeAll();
  await client.reset();
  await waitForNoStreams(ctx);
  if (!calibration) {
    progress(`[${strategy}] calibrating what the write load costs by itself (no stream open)`);
    calibration = await calibrate(ctx, options.quick ? 4 : 8);
  }
  return calibration;
}

export async function runStrategy(ctx: TBenchContext, strategy: TStrategy, first: boolean, calibration?: TCalibration): Promise<TStrategyResult> {
  const { options, progress } = ctx;
  const notes: string[] = [];
  const cal = await bringUp(ctx, strategy, first, calibration);
  const client = ctx.client!;
  await sleep(1_000);

  const before = await sampleLiveMemory(ctx.server!.pid!);
  const metricsBefore = await readCounters(ctx.baseUrl, ctx.metricsToken, ctx.admin);
  progress(`[${strategy}] opening ${options.streams} streams across ${options.orgs} orgs`);
  // In two halves: the second half's growth is the marginal cost of a stream, without fixed costs.
  const firstHalf = Math.floor(options.streams / 2);
  const a = await client.open(firstHalf, { concurrency: options.concurrency, timeoutMs: 30_000 });
  await sleep(2_000);
  const half = await sampleLiveMemory(ctx.server!.pid!);
  const b = await client.open(options.streams - firstHalf, { concurrency: options.concurrency, timeoutMs: 30_000 });
  const failures: Record<string, number> = { ...a.failures };
  for (const [k, v] of Object.entries(b.failures)) failures[k] = (failures[k] ?? 0) + v;
  const streams: TOpenResult = { requested: a.requested + b.requested, connected: a.connected + b.connected, failed: a.failed + b.failed, failures, ms: a.ms + b.ms, totalOpen: b.totalOpen };
  if (streams.failed > 0) notes.push(`${streams.failed} streams failed to open: ${JSON.stringify(streams.failures)}`);
  progress(`[${strategy}] ${streams.connected} streams open in ${streams.ms} ms; settling ${STATS_SETTLE_MS / 1000} s, then ${options.idle} s with no writes`);
  // PostgreSQL may hold an idle backend's counters for 10 s: let the connection burst's be counted before the quiet phase.
  await sleep(STATS_SETTLE_MS);
  const settled = sampleTree(ctx.server!.pid!);

  const quietStart = await openPhase(ctx);
  await sleep(options.idle * 1000);
  const quiet = await closePhase(ctx, quietStart, 0);
  const steady = await sampleLiveMemory(ctx.server!.pid!);

  const seq0 = await maxDetectionSeq(ctx.sql);
  progress(`[${strategy}] load: ${options.rate}/s through the API + ${options.sqlRate}/s in SQL for ${options.duration} s`);
  const loadStart = await openPhase(ctx);
  let peakKb = steady.rssKb;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, sampleTree(ctx.server!.pid!).rssKb);
  }, 1_000);
  let load: TLoadResult;
  try {
    load = await runLoad({ ...loadTargets(ctx), sql: ctx.sql, apiRate: options.rate, sqlRate: options.sqlRate, durationMs: options.duration * 1000 });
  } finally {
    clearInterval(sampler);
  }
  const loadTx = load.api.sent * cal.perApiRequest + load.sql.sent;
  const loaded = await closePhase(ctx, loadStart, loadTx);
  if (load.api.failed || load.sql.failed) notes.push(`write failures: API ${JSON.stringify(load.api.statuses)}, SQL ${load.sql.failed}`);
  if (load.api.skipped || load.sql.skipped) notes.push(`writes skipped (too many in flight): API ${load.api.skipped}, SQL ${load.sql.skipped}`);

  progress(`[${strategy}] draining (≥ ${options.quick ? 1 : 2} poll intervals) and checking every delivery`);
  const expected = await expectedDeliveries(ctx, seq0, load.writes);
  const interval = options.pollIntervalMs;
  // Quick: one interval (every SQL row is polled by then) plus a second for late duplicates to show.
  const drained = await drainAndVerify(ctx, expected, { minMs: options.quick ? interval + 1_000 : 2 * interval, maxMs: 4 * interval });
  if (!drained.complete) notes.push('the drain ended before every connection had every row');

  // The full admin view (percentiles), read after the closing transaction count.
  const atLoadEnd = (await readServerMetrics(ctx.admin)) ?? loaded.metrics;
  const serverStrategy = atLoadEnd?.strategy;
  if (serverStrategy && serverStrategy !== strategy) notes.push(`the server reports strategy "${serverStrategy}"`);
  const pollers = atLoadEnd?.activePollers;
  if (pollers !== undefined && strategy === 'hub' && pollers > options.orgs) {
    notes.push(`hub: ${pollers} active pollers for ${options.orgs} watched orgs (the idle org should cost none; ${pollers >= streams.connected ? 'the server looks like it ignores REALTIME_STRATEGY' : 'more pollers than watched orgs'})`);
  }

  progress(`[${strategy}] closing the streams`);
  await client.closeAll();
  const { metrics: afterClose, ms: closeMs } = await waitForNoStreams(ctx);
  if (afterClose && (afterClose.activeConnections || afterClose.activePollers)) {
    notes.push(`15 s after closing every stream the server still counts ${afterClose.activeConnections} connections and ${afterClose.activePollers} pollers`);
  }
  await client.reset();
  await stopChild(ctx.server);
  ctx.server = undefined;

  const n = Math.max(1, streams.connected);
  return {
    strategy,
    serverStrategy,
    streams,
    orgs: options.orgs,
    quiet: quiet.phase,
    load: { ...loaded.phase, api: load.api, sql: load.sql },
    rss: {
      beforeKb: before.rssKb,
      halfKb: half.rssKb,
      settledKb: settled.rssKb,
      steadyKb: steady.rssKb,
      peakKb,
      perStreamKb: round1((steady.rssKb - before.rssKb) / n),
      marginalPerStreamKb: round1((steady.rssKb - half.rssKb) / Math.max(1, b.connected)),
      heapPerStreamKb: heapGrowthKb(metricsBefore, quiet.metrics, n),
      processes: steady.pids,
    },
    delivery: { ...drained.verify, drainMs: drained.drainMs, complete: drained.complete },
    metrics: { atLoadEnd, afterClose, closeMs },
    calibration: cal,
    notes,
  };
}
