import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { prepareDatabase, type PreparedDatabase } from '@/scripts/lib/database';
import type { OryloSession } from '@/scripts/lib/http-client';
import { ownerPool, type Sql } from './db';
import { ensureIngestBuild } from './ingest';
import type { TOptions } from './options';
import { RESULTS_DIR, type TMeta } from './report';
import { createOrg, recreateDatabase } from './scale';
import { seedDetections, type TSeedResult } from './scale-seed';
import { startHubServer } from './setup';

// `npm run bench -- --backtest`: how long POST /api/v1/rules/backtest takes
// over 30 days of a merchant's detections (1,000,000 by default, written
// straight into SQL with the --scale generator, a thirtieth of them today),
// for rules on each kind of feature, over HTTP against the production server.
// Target (issue 14): 30 days of 1,000,000 detections in under 10 s.

export type TBacktestResources = { server?: ChildProcess; sql?: Sql; db?: PreparedDatabase };

export const BACKTEST_TARGET_MS = 10_000;
const RUNS = 3;
const DAY_MS = 86_400_000;

type TCase = { name: string; rule: Record<string, unknown> };

/** Rules on every kind of feature, the card-testing defaults first, then compound ones over one, two and three keys. */
const CASES: TCase[] = [
  { name: 'distinct cards per IP in 1 h > 5 (BLOCK)', rule: { feature: 'ip.distinct_cards', windowSeconds: 3600, operator: '>', threshold: 5, action: 'BLOCK' } },
  { name: 'declines per card in 24 h > 3 (BLOCK)', rule: { feature: 'card.declines', windowSeconds: 86_400, operator: '>', threshold: 3, action: 'BLOCK' } },
  { name: 'decline ratio per IP in 30 min > 50 % (+30)', rule: { feature: 'ip.decline_ratio', windowSeconds: 1800, operator: '>', threshold: 0.5, action: 'SCORE', scoreDelta: 30 } },
  { name: 'amount total per email in 7 d > 10,000.00 (REVIEW)', rule: { feature: 'email.amount_sum', windowSeconds: 7 * 86_400, operator: '>', threshold: 1_000_000, action: 'REVIEW' } },
  { name: 'amount > 5,000.00 (no window)', rule: { feature: 'amount', operator: '>', threshold: 500_000, action: 'SCORE', scoreDelta: 30 } },
  {
    name: 'all: IP attempts 30 min > 5, any: amount < 2.00, currency not EUR',
    rule: { condition: { all: [{ feature: 'ip.attempts', windowSeconds: 1800, operator: '>', threshold: 5 }, { any: [{ feature: 'amount', operator: '<', threshold: 200 }, { feature: 'currency', operator: 'not_in', threshold: ['EUR'] }] }] }, action: 'BLOCK' },
  },
  {
    name: 'any over 3 keys: IP cards 10 min > 3, email attempts 1 h > 10, BIN attempts 10 min > 30',
    rule: {
      condition: { any: [
        { feature: 'ip.distinct_cards', windowSeconds: 600, operator: '>', threshold: 3 },
        { feature: 'email.attempts', windowSeconds: 3600, operator: '>', threshold: 10 },
        { feature: 'bin.attempts', windowSeconds: 600, operator: '>', threshold: 30 },
      ] },
      action: 'REVIEW',
    },
  },
];

export type TBacktestRow = { name: string; days: number; runsMs: number[]; medianMs: number; maxMs: number; serverMs: number; evaluated: number; matched: number; status: number; error?: string };
export type TBacktestBenchResult = { build: { buildId: string; builtAt: string }; embedded: boolean; rows: number; seed: TSeedResult; labelled: { fraud: number; legit: number }; results: TBacktestRow[] };

async function timeBacktest(session: OryloSession, c: TCase, days: number): Promise<TBacktestRow> {
  const runsMs: number[] = [];
  let last: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const res = await session.fetch('/api/v1/rules/backtest', {
      method: 'POST',
      body: JSON.stringify({ rule: c.rule, from: new Date(Date.now() - days * DAY_MS).toISOString() }),
    });
    last = { status: res.status, body: (await res.json()) as Record<string, unknown> };
    runsMs.push(Math.round(performance.now() - started));
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const body = last.body as { evaluated?: number; matched?: number; durationMs?: number; error?: { message: string } };
  return {
    name: c.name, days, runsMs, medianMs: sorted[Math.floor(sorted.length / 2)], maxMs: sorted.at(-1)!, serverMs: body.durationMs ?? 0,
    evaluated: body.evaluated ?? 0, matched: body.matched ?? 0, status: last.status, ...(body.error ? { error: body.error.message } : {}),
  };
}

export async function runBacktestBench(input: { options: TOptions; secret: string; resources: TBacktestResources; progress: (m: string) => void }): Promise<TBacktestBenchResult> {
  const { options, resources, progress } = input;
  const build = await ensureIngestBuild(progress);
  if (process.env.DATABASE_URL) await recreateDatabase(process.env.DATABASE_URL, progress);
  else progress(`no DATABASE_URL: a fresh embedded PostgreSQL (.data/pg-bench-backtest, port ${options.pgPort})`);
  const db = (resources.db = await prepareDatabase({ dataDir: '.data/pg-bench-backtest', port: options.pgPort, secret: input.secret, fresh: true }));
  const sql = (resources.sql = ownerPool(db.ownerUrl, 3));
  progress(`starting the production server on 127.0.0.1:${options.port}`);
  resources.server = await startHubServer({ port: options.port, pollIntervalMs: options.pollIntervalMs, ownerUrl: db.ownerUrl, secret: input.secret });
  const org = await createOrg(`http://127.0.0.1:${options.port}`, sql, 'backtest', randomBytes(3).toString('hex'));

  const n = options.backtestRows;
  const today = Math.round(n / 30);
  progress(`seeding ${n.toLocaleString('en-US')} detections over 30 days straight into SQL`);
  const seed = await seedDetections(sql, [{ orgId: org.orgId, label: 'backtest', today, older: n - today, reviewerId: org.userId }], progress);
  // Labels as outcomes leave them: a third of the blocked rows charged back, one ordinary payment in 500 confirmed genuine.
  const [labelled] = await sql<{ fraud: number; legit: number }[]>`with l as (
      update detections set label = case when decision = 'BLOCK' then 'fraud' else 'legit' end
      where organization_id = ${org.orgId}
        and ((decision = 'BLOCK' and hashtext(external_id) % 3 = 0) or (decision = 'ALLOW' and hashtext(external_id) % 500 = 0))
      returning label)
    select count(*) filter (where label = 'fraud')::int as fraud, count(*) filter (where label = 'legit')::int as legit from l`;
  progress(`labelled ${labelled.fraud} fraud, ${labelled.legit} legit; VACUUM (ANALYZE)`);
  await sql.unsafe('vacuum (analyze) detections');

  const results: TBacktestRow[] = [];
  for (const days of [7, 30]) {
    for (const c of CASES) {
      const row = await timeBacktest(org.session, c, days);
      progress(`${days} d · ${c.name}: ${row.status} median ${row.medianMs} ms (max ${row.maxMs}), ${row.matched.toLocaleString('en-US')} of ${row.evaluated.toLocaleString('en-US')} matched`);
      results.push(row);
    }
  }
  return { build, embedded: db.embedded, rows: n, seed, labelled, results };
}

const fmt = (v: number) => v.toLocaleString('en-US');

export function renderBacktestMarkdown(meta: TMeta, r: TBacktestBenchResult): string {
  const thirty = r.results.filter((x) => x.days === 30);
  const met = thirty.filter((x) => x.status === 200 && x.maxMs < BACKTEST_TARGET_MS);
  const missed = thirty.filter((x) => !met.includes(x));
  const slowest = met.length ? Math.max(...met.map((x) => x.maxMs)) : 0;
  return [
    '# Orylo backtest benchmark (`npm run bench -- --backtest`)',
    '',
    `${meta.startedAt} · ${meta.cpus} · ${meta.memoryGb} GB · Node ${meta.node} · ${meta.database} · git ${meta.gitHead ?? '?'} · load ${meta.loadAverage.start} → ${meta.loadAverage.end}`,
    '',
    `One organization with ${fmt(r.rows)} detections over the last 30 days (seeded in ${r.seed.seconds} s), ${fmt(r.labelled.fraud)} labelled fraud and ${fmt(r.labelled.legit)} legit. Each backtest is \`POST /api/v1/rules/backtest\` over HTTP, ${RUNS} runs; times are the client's (the server's own \`durationMs\` of the last run beside it).`,
    '',
    `**Target: 30 days in under ${BACKTEST_TARGET_MS / 1000} s — met by ${met.length} of ${thirty.length} rule shapes (slowest of them ${fmt(slowest)} ms)${missed.length ? `; over the budget (answered 422): ${missed.map((x) => x.name).join('; ')}` : ''}.**`,
    '',
    '| window | rule | median ms | max ms | server ms | evaluated | matched | status |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...r.results.map((x) => `| ${x.days} d | ${x.name} | ${fmt(x.medianMs)} | ${fmt(x.maxMs)} | ${fmt(x.serverMs)} | ${fmt(x.evaluated)} | ${fmt(x.matched)} | ${x.status}${x.error ? ` ${x.error}` : ''} |`),
    '',
  ].join('\n');
}

export function writeBacktestReport(markdown: string, json: unknown, startedAt: number): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-');
  for (const name of [`${stamp}-backtest`, 'latest-backtest']) {
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), `${markdown}\n`);
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  }
  return path.join(RESULTS_DIR, `${stamp}-backtest.md`);
}
