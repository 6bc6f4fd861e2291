import { parseArgs } from 'node:util';
import { z } from 'zod';

// npm run bench -- [--quick] [--streams N] [--orgs M] [--duration S] [--rate R]
//   [--sql-rate R] [--strategies per-connection,hub] [--idle S] [--port P]
//   [--max-streams [--target N] [--step N]]
//   [--ingest [--rate 200] [--duration 20] [--attack-share 0.7]]
//   [--hostile [--quick]]
//   [--webhooks [--quick]]
//   [--browser [--dev] [--rate 50] [--duration 60] [--attack-share 0.3]]
//   [--scale [--quick] [--scale-rows 1000000]]
//   [--backtest [--quick] [--backtest-rows 1000000]]

const STRATEGIES = ['per-connection', 'hub'] as const;
export type TStrategy = (typeof STRATEGIES)[number];

const ZOptionsSchema = z.object({
  quick: z.boolean(),
  maxStreams: z.boolean(),
  /** The ingest-latency run under a card-testing attack instead of the delivery comparison. */
  ingest: z.boolean(),
  /** /api/health latency while waves of nested (hostile) ingest bodies arrive. */
  hostile: z.boolean(),
  /** Webhook delivery latency over a burst, and ingest with and without an endpoint. */
  webhooks: z.boolean(),
  /** A real Chromium on the dashboard and the war room while traffic streams in (scripts/bench/browser.ts). */
  browser: z.boolean(),
  /** --browser against `next dev` instead of the production build. */
  dev: z.boolean(),
  /** Counters and list filters at merchant volume (scripts/bench/scale.ts). */
  scale: z.boolean(),
  /** --scale: the big org's detections of today (its older rows are twice as many, the other org's as many). */
  /** POST /api/v1/rules/backtest over 30 days of one org's detections (scripts/bench/backtest.ts). */
  backtest: z.boolean(),
  /** --backtest: the org's detections over the 30 days. */
  backtestRows: z.coerce.number({ error: 'Must be a number of rows, e.g. 1000000' }).int().min(1_000, 'At least 1000').max(20_000_000, 'At most 20000000'),
  scaleRows: z.coerce.number({ error: 'Must be a number of rows, e.g. 1000000' }).int().min(1_000, 'At least 1000').max(20_000_000, 'At most 20000000'),
  attackShare: z.coerce.number().min(0, 'Must be a share from 0 to 1, e.g. 0.7').max(1, 'Must be a share from 0 to 1, e.g. 0.7'),
  streams: z.coerce.number().int().min(1).max(18_000),
  orgs: z.coerce.number().int().min(1).max(1_000),
  duration: z.coerce.number().min(1).max(3_600),
  idle: z.coerce.number().min(1).max(600),
  rate: z.coerce.number().min(0).max(1_000),
  sqlRate: z.coerce.number().min(0).max(1_000),
  strategies: z.array(z.enum(STRATEGIES)).min(1),
  target: z.coerce.number().int().min(1).max(18_000),
  step: z.coerce.number().int().min(1).max(18_000),
  port: z.coerce.number().int().min(1024).max(65_535),
  pgPort: z.coerce.number().int().min(1024).max(65_535),
  pollIntervalMs: z.coerce.number().int().min(100).max(60_000),
  concurrency: z.coerce.number().int().min(1).max(1_000),
});

export type TOptions = z.infer<typeof ZOptionsSchema> & { argv: string[] };

export function readOptions(argv = process.argv.slice(2)): TOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'max-streams': { type: 'boolean', default: false },
      ingest: { type: 'boolean', default: false },
      hostile: { type: 'boolean', default: false },
      webhooks: { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false },
      dev: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      'scale-rows': { type: 'string' },
      backtest: { type: 'boolean', default: false },
      'backtest-rows': { type: 'string' },
      'attack-share': { type: 'string' },
      streams: { type: 'string' },
      orgs: { type: 'string' },
      duration: { type: 'string' },
      idle: { type: 'string' },
      rate: { type: 'string' },
      'sql-rate': { type: 'string' },
      strategies: { type: 'string' },
      target: { type: 'string' },
      step: { type: 'string' },
      port: { type: 'string' },
      'pg-port': { type: 'string' },
      'poll-interval': { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  const ingest = values.ingest ?? false;
  const browser = values.browser ?? false;
  const dev = values.dev ?? false;
  const parsed = ZOptionsSchema.safeParse({
    quick,
    maxStreams: values['max-streams'] ?? false,
    ingest,
    hostile: values.hostile ?? false,
    webhooks: values.webhooks ?? false,
    browser,
    dev,
    scale: values.scale ?? false,
    backtest: values.backtest ?? false,
    backtestRows: values['backtest-rows'] ?? (quick ? 100_000 : 1_000_000),
    scaleRows: values['scale-rows'] ?? (quick ? 100_000 : 1_000_000),
    // The browser run wants an open war room with ordinary traffic around it, not an attack alone.
    attackShare: values['attack-share'] ?? (browser ? 0.3 : 0.7),
    streams: values.streams ?? (quick ? 200 : 2_000),
    orgs: values.orgs ?? (quick ? 10 : 50),
    duration: values.duration ?? (quick ? (browser ? 20 : 10) : ingest ? 20 : 60),
    idle: values.idle ?? (quick ? 5 : 30),
    rate: values.rate ?? (ingest ? 200 : browser && !dev ? 50 : 20),
    sqlRate: values['sql-rate'] ?? 5,
    strategies: (values.strategies ?? 'per-connection,hub').split(',').map((s) => s.trim()).filter(Boolean),
    target: values.target ?? (quick ? 2_000 : 10_000),
    step: values.step ?? (quick ? 1_000 : 2_000),
    port: values.port ?? 3290,
    pgPort: values['pg-port'] ?? 54339,
    pollIntervalMs: values['poll-interval'] ?? 5_000,
    concurrency: values.concurrency ?? 64,
  });
  if (!parsed.success) {
    const flag = (key: string) => (key === 'pollIntervalMs' ? 'poll-interval' : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    const lines = parsed.error.issues.map((i) => `  --${flag(i.path.join('.'))}: ${i.message}`);
    throw new Error(`Invalid options:\n${lines.join('\n')}`);
  }
  if (parsed.data.ingest && parsed.data.maxStreams) throw new Error('--ingest and --max-streams are separate runs: pass one of them');
  if (parsed.data.browser && (parsed.data.ingest || parsed.data.maxStreams || parsed.data.hostile)) throw new Error('--browser is a run of its own: not with --ingest, --max-streams or --hostile');
  if (parsed.data.scale && (parsed.data.ingest || parsed.data.maxStreams || parsed.data.hostile || parsed.data.browser)) throw new Error('--scale is a run of its own: not with --ingest, --max-streams, --hostile or --browser');
  if (parsed.data.backtest && (parsed.data.scale || parsed.data.ingest || parsed.data.maxStreams || parsed.data.hostile || parsed.data.browser)) throw new Error('--backtest is a run of its own');
  if (values['backtest-rows'] !== undefined && !parsed.data.backtest) throw new Error('--backtest-rows applies to --backtest only');
  if (values['scale-rows'] !== undefined && !parsed.data.scale) throw new Error('--scale-rows applies to --scale only');
  if (parsed.data.dev && !parsed.data.browser) throw new Error('--dev applies to --browser only');
  if (parsed.data.streams < parsed.data.orgs) throw new Error('--streams must be at least --orgs (every org needs a viewer)');
  // A whole number of poll intervals: each per-connection poller then ticks the same number of times in it.
  const interval = parsed.data.pollIntervalMs / 1000;
  const idle = Math.ceil(parsed.data.idle / interval - 1e-9) * interval;
  return { ...parsed.data, idle, argv };
}
