// npm run bench – the delivery benchmark: the production build on an embedded
// PostgreSQL, N SSE streams across M orgs from a separate client process, a
// steady write load through the API and straight into SQL, and a side-by-side
// report of the per-connection poller and the shared hub (database
// transactions/s, latency, RSS per stream, CPU, lost/duplicated/reordered).
// `--quick` for a run of about 1.5 minutes, `--max-streams` for how far the hub goes,
// `--ingest` for ingest latency under a card-testing attack (scripts/bench/ingest.ts),
// `--hostile` for /api/health while nested bodies arrive (scripts/bench/hostile.ts),
// `--webhooks` for webhook delivery latency over a burst (scripts/bench/webhooks.ts),
// `--browser [--dev]` for a real Chromium on the dashboard and war room under traffic (scripts/bench/browser.ts),
// `--scale [--quick] [--scale-rows N]` for counters and list filters at a merchant's volume (scripts/bench/scale.ts),
// `--backtest [--quick] [--backtest-rows N]` for rule backtests over 30 days of detections (scripts/bench/backtest.ts).
// See bench/README.md.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDatabase, type PreparedDatabase } from './lib/database';
import { stopChild } from './lib/next-process';
import { runBrowserBench, type TBrowserResources } from './bench/browser';
import { renderBrowserMarkdown, writeBrowserReport } from './bench/browser-report';
import { ClientLink } from './bench/client-link';
import type { TBenchContext, TCalibration } from './bench/context';
import { dataDirectory, measureReadCost, ownerPool } from './bench/db';
import { runHostileBench, type THostileResources } from './bench/hostile';
import { runWebhooksBench, type TWebhooksResources } from './bench/webhooks';
import { runIngestBench, type TIngestResources } from './bench/ingest';
import { runMaxStreams, type TMaxStreamsResult } from './bench/max-streams';
import { readOptions, type TOptions } from './bench/options';
import { postmasterPid } from './bench/proc';
import { collectMeta, evaluate, evaluateIngest, renderIngestMarkdown, renderMarkdown, writeIngestReport, writeReport } from './bench/report';
import { runStrategy, type TStrategyResult } from './bench/run-strategy';
import { renderBacktestMarkdown, runBacktestBench, writeBacktestReport, type TBacktestResources } from './bench/backtest';
import { runScaleBench, type TScaleResources } from './bench/scale';
import { evaluateScale, renderScaleMarkdown, writeScaleReport } from './bench/scale-report';
import { ensureBuild } from './bench/setup';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
(process.env as Record<string, string>).LOG_LEVEL ??= 'warn';

const SECRET = 'orylo-bench-secret-0123456789abcdefghijklmnop';
const HOST = '127.0.0.1';
const startedAt = Date.now();
const loadAtStart = Math.round(os.loadavg()[0] * 100) / 100;
const progress = (message: string) => process.stderr.write(`[bench +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${message}\n`);

let options: TOptions;
try {
  options = readOptions();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}

let db: PreparedDatabase | undefined;
let ctx: TBenchContext | undefined;
let cleaning: Promise<void> | undefined;
const ingest: TIngestResources = {};
const hostile: THostileResources = {};
const webhooks: TWebhooksResources = {};
const browser: TBrowserResources = {};
const scale: TScaleResources = {};
const backtest: TBacktestResources = {};

const withTimeout = (p: Promise<unknown>, ms: number) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms))]);

/** Stops everything the bench started, once, whatever happened. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await withTimeout(stopChild(ctx?.client?.child), 10_000);
    await withTimeout(stopChild(ctx?.server), 10_000);
    await withTimeout(ctx?.sql.end({ timeout: 2 }) ?? Promise.resolve(), 5_000);
    await withTimeout(db?.stop() ?? Promise.resolve(), 20_000);
    await withTimeout(stopChild(ingest.server), 10_000);
    await withTimeout(ingest.sql?.end({ timeout: 2 }) ?? Promise.resolve(), 5_000);
    await withTimeout(ingest.db?.stop() ?? Promise.resolve(), 20_000);
    await withTimeout(stopChild(hostile.server), 10_000);
    await withTimeout(hostile.db?.stop() ?? Promise.resolve(), 20_000);
    webhooks.receiver?.close();
    await withTimeout(stopChild(webhooks.server), 10_000);
    await withTimeout(webhooks.db?.stop() ?? Promise.resolve(), 20_000);
    await withTimeout(browser.browser?.close() ?? Promise.resolve(), 10_000);
    await withTimeout(stopChild(browser.server), 10_000);
    await withTimeout(browser.db?.stop() ?? Promise.resolve(), 20_000);
    browser.restore?.();
    await withTimeout(stopChild(backtest.server), 10_000);
    await withTimeout(backtest.sql?.end({ timeout: 2 }) ?? Promise.resolve(), 5_000);
    await withTimeout(backtest.db?.stop() ?? Promise.resolve(), 20_000);
    await withTimeout(stopChild(scale.server), 10_000);
    await withTimeout(scale.sql?.end({ timeout: 2 }) ?? Promise.resolve(), 5_000);
    await withTimeout(scale.db?.stop() ?? Promise.resolve(), 20_000);
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    progress(`${signal}: stopping the client, the server and the database`);
    void cleanup().then(() => process.exit(130));
  });
}

/** --ingest: its own server, database and report (nothing of the delivery run). */
async function mainIngest(): Promise<number> {
  const result = await runIngestBench({ options, secret: SECRET, resources: ingest, progress });
  const meta = collectMeta(startedAt, result.build, result.embedded, loadAtStart);
  const markdown = renderIngestMarkdown({ meta, options, result });
  const { argv, ...flags } = options;
  const file = writeIngestReport(markdown, { meta, options: flags, argv, result, targets: evaluateIngest(result) }, startedAt);
  process.stdout.write(`\n${markdown}\n`);
  progress(`report written to ${file} (+ .json; also latest-ingest.md)`);
  return 0;
}

/** --browser: its own server (production or dev), database, Chromium and report. */
async function mainBrowser(): Promise<number> {
  const result = await runBrowserBench({ options, secret: SECRET, resources: browser, progress });
  const meta = collectMeta(startedAt, result.build ?? { buildId: 'next dev', builtAt: '' }, result.embedded, loadAtStart);
  const markdown = renderBrowserMarkdown(meta, result);
  const { argv, ...flags } = options;
  const file = writeBrowserReport(markdown, { meta, options: flags, argv, result }, startedAt, options.dev);
  process.stdout.write(`\n${markdown}\n`);
  progress(`report written to ${file} (+ .json; also latest-browser${options.dev ? '-dev' : ''}.md)`);
  return 0;
}

/** --scale: its own server, database (DATABASE_URL's, recreated, or embedded), volume and report. */
async function mainScale(): Promise<number> {
  const result = await runScaleBench({ options, secret: SECRET, resources: scale, progress });
  const meta = collectMeta(startedAt, result.build, result.embedded, loadAtStart);
  const markdown = renderScaleMarkdown(meta, result);
  const { argv, ...flags } = options;
  const file = writeScaleReport(markdown, { meta, options: flags, argv, result, targets: evaluateScale(result) }, startedAt);
  process.stdout.write(`\n${markdown}\n`);
  progress(`report written to ${file} (+ .json; also latest-scale.md)`);
  return 0;
}

/** --backtest: its own server, database, 30 days of one org and report. */
async function mainBacktest(): Promise<number> {
  const result = await runBacktestBench({ options, secret: SECRET, resources: backtest, progress });
  const meta = collectMeta(startedAt, result.build, result.embedded, loadAtStart);
  const markdown = renderBacktestMarkdown(meta, result);
  const { argv, ...flags } = options;
  const file = writeBacktestReport(markdown, { meta, options: flags, argv, result }, startedAt);
  process.stdout.write(`\n${markdown}\n`);
  progress(`report written to ${file} (+ .json; also latest-backtest.md)`);
  return 0;
}

async function main(): Promise<number> {
  if (options.scale) return mainScale();
  if (options.backtest) return mainBacktest();
  if (options.ingest) return mainIngest();
  if (options.browser) return mainBrowser();
  if (options.webhooks) {
    process.stdout.write(`\n${await runWebhooksBench({ options, secret: SECRET, resources: webhooks, progress })}\n`);
    return 0;
  }
  if (options.hostile) {
    process.stdout.write(`\n${await runHostileBench({ options, secret: SECRET, resources: hostile, progress })}\n`);
    return 0;
  }
  const build = await ensureBuild(progress);
  progress(`build ${build.buildId}; starting PostgreSQL (.data/pg-bench, fresh)`);
  db = await prepareDatabase({ dataDir: '.data/pg-bench', port: options.pgPort, secret: SECRET, fresh: true });
  const sql = ownerPool(db.ownerUrl, 4);
  const dir = await dataDirectory(sql);
  const readCost = await measureReadCost(db.ownerUrl);
  ctx = {
    options,
    host: HOST,
    port: options.port,
    baseUrl: `http://${HOST}:${options.port}`,
    ownerUrl: db.ownerUrl,
    secret: SECRET,
    sql,
    orgs: [],
    idleOrg: undefined as never,
    pgPid: dir ? postmasterPid(dir) : null,
    metricsToken: randomBytes(24).toString('base64url'),
    readCost,
    progress,
  };
  ctx.client = await ClientLink.start({ onProgress: (connected, failed) => progress(`  … ${connected} streams open${failed ? `, ${failed} failed` : ''}`) });

  const results: TStrategyResult[] = [];
  let calibration: TCalibration | undefined;
  let maxStreams: TMaxStreamsResult | undefined;
  if (options.maxStreams) {
    maxStreams = await runMaxStreams(ctx);
  } else {
    for (const strategy of options.strategies) {
      const result = await runStrategy(ctx, strategy, results.length === 0, calibration);
      calibration = result.calibration;
      results.push(result);
    }
  }

  const meta = collectMeta(startedAt, build, db.embedded, loadAtStart);
  const markdown = renderMarkdown({ meta, options, calibration, readCost, results, maxStreams });
  const { argv: _argv, ...flags } = options;
  const file = writeReport(markdown, { meta, options: flags, argv: options.argv, calibration, readCost, results, targets: evaluate(results, options), maxStreams }, startedAt);
  process.stdout.write(`\n${markdown}\n`);
  progress(`report written to ${file} and ${path.join(path.dirname(file), 'latest.md')} (+ .json)`);
  return 0;
}

main()
  .catch((error: Error) => {
    progress(`failed: ${error.stack ?? error.message}`);
    return 1;
  })
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  });
