import fs from 'node:fs';
import { stopChild } from '@/scripts/lib/next-process';
import { drainAndVerify, expectedDeliveries, loadTargets, waitForNoStreams, type TBenchContext } from './context';
import { maxDetectionSeq } from './db';
import { runLoad } from './load';
import { readServerMetrics } from './server-metrics';
import { cpuPercent, sampleLiveMemory, sampleTree } from './proc';
import type { TDistribution } from './protocol';
import { bringUp } from './run-strategy';
import { round1, sleep } from './stats';

// --max-streams: the hub only. Opens streams in steps until the target, or
// until opening fails, latency explodes, deliveries go missing or the server
// dies; after each step a short write probe checks that every stream still
// gets every row, and how fast.

export type TMaxStep = {
  open: number;
  failed: number;
  failures: Record<string, number>;
  openMs: number;
  rssKb: number;
  perStreamKb: number;
  /** RSS growth of this step ÷ streams it added. */
  marginalKb: number;
  /** V8 heap in use after a full collection, growth ÷ streams (the rest of RSS is sockets, buffers and native state). */
  heapPerStreamKb?: number;
  cpuPercent: number;
  api: TDistribution;
  sql: TDistribution;
  lost: number;
  duplicated: number;
  reordered: number;
  dropped: number;
};

export type TMaxStreamsResult = {
  target: number;
  step: number;
  beforeKb: number;
  steps: TMaxStep[];
  largest: number;
  largestPerStreamKb: number;
  stoppedBecause: string;
  openFilesLimit?: number;
};

function openFilesLimit(): number | undefined {
  try {
    const match = fs.readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\d+)/m);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function runMaxStreams(ctx: TBenchContext): Promise<TMaxStreamsResult> {
  const { options, progress } = ctx;
  await bringUp(ctx, 'hub', true, { seconds: 0, apiRequests: 0, sqlInserts: 0, transactions: 0, perApiRequest: 0, method: 'not calibrated in --max-streams' });
  const client = ctx.client!;
  const limit = openFilesLimit();
  await sleep(1_000);
  const before = await sampleLiveMemory(ctx.server!.pid!);
  const heapBefore = (await readServerMetrics(ctx.admin))?.heapUsedBytes;
  const result: TMaxStreamsResult = { target: options.target, step: options.step, beforeKb: before.rssKb, steps: [], largest: 0, largestPerStreamKb: 0, stoppedBecause: '', openFilesLimit: limit };
  let open = 0;
  const probeMs = (options.quick ? 6 : 10) * 1000;
  const interval = options.pollIntervalMs;

  for (let i = 0; i < 100 && open < options.target; i++) {
    const add = Math.min(options.step, options.target - open);
    progress(`[max-streams] opening ${add} more streams (${open} open)`);
    const opened = await client.open(add, { concurrency: options.concurrency, timeoutMs: 30_000 });
    open = opened.totalOpen;
    if (ctx.server!.exitCode !== null) {
      result.stoppedBecause = `The server exited (code ${ctx.server!.exitCode}) while opening streams.`;
      break;
    }
    await sleep(1_000);
    const steady = await sampleLiveMemory(ctx.server!.pid!);
    const heapNow = (await readServerMetrics(ctx.admin))?.heapUsedBytes;

    progress(`[max-streams] ${open} open; write probe for ${probeMs / 1000} s`);
    await client.reset();
    const seq0 = await maxDetectionSeq(ctx.sql);
    const cpu0 = sampleTree(ctx.server!.pid!);
    const load = await runLoad({ ...loadTargets(ctx), sql: ctx.sql, apiRate: options.rate, sqlRate: options.sqlRate, durationMs: probeMs });
    const cpu1 = sampleTree(ctx.server!.pid!);
    const expected = await expectedDeliveries(ctx, seq0, load.writes);
    const { verify } = await drainAndVerify(ctx, expected, { minMs: interval + 1_000, maxMs: 3 * interval });
    const previousKb = result.steps.at(-1)?.rssKb ?? before.rssKb;
    const step: TMaxStep = {
      open: verify.connections,
      failed: opened.failed,
      failures: opened.failures,
      openMs: opened.ms,
      rssKb: steady.rssKb,
      perStreamKb: round1((steady.rssKb - before.rssKb) / Math.max(1, open)),
      marginalKb: round1((steady.rssKb - previousKb) / Math.max(1, opened.connected)),
      heapPerStreamKb: heapNow !== undefined && heapBefore !== undefined ? round1((heapNow - heapBefore) / 1024 / Math.max(1, open)) : undefined,
      cpuPercent: cpuPercent(cpu0, cpu1),
      api: verify.latency.api,
      sql: verify.latency.sql,
      lost: verify.lost,
      duplicated: verify.duplicated,
      reordered: verify.reordered,
      dropped: verify.dropped,
    };
    result.steps.push(step);
    const healthy = step.failed <= add * 0.01 && step.lost === 0 && step.dropped <= open * 0.01;
    if (healthy) {
      result.largest = step.open;
      result.largestPerStreamKb = step.perStreamKb;
    }
    if (step.failed > add * 0.01) result.stoppedBecause = `Stopped: ${step.failed} of ${add} streams failed to open (${JSON.stringify(step.failures)}).`;
    else if (step.api.p95 > 5_000) result.stoppedBecause = `Stopped: API write → client p95 reached ${step.api.p95} ms.`;
    else if (step.lost > 0 || step.dropped > open * 0.01) result.stoppedBecause = `Stopped: ${step.lost} deliveries lost, ${step.dropped} connections dropped.`;
    else if (ctx.server!.exitCode !== null) result.stoppedBecause = `Stopped: the server exited (code ${ctx.server!.exitCode}).`;
    if (result.stoppedBecause) break;
  }
  if (!result.stoppedBecause) {
    result.stoppedBecause = `Reached the target of ${options.target} streams.${limit ? ` (Each process may open ${limit} files here, which bounds how far a larger target could go.)` : ''}`;
  }
  await client.closeAll();
  await waitForNoStreams(ctx);
  await stopChild(ctx.server);
  ctx.server = undefined;
  return result;
}
