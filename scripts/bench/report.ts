import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TCalibration } from './context';
import { INGEST_P95_TARGET_MS, type TIngestResult } from './ingest';
import type { TMaxStreamsResult } from './max-streams';
import type { TOptions } from './options';
import type { TDistribution } from './protocol';
import { pollOnlyOrgCount, type TStrategyResult } from './run-strategy';

// The report: one Markdown table, strategies side by side with the issue's
// targets, printed and written with its JSON under bench/results/.

export const RESULTS_DIR = path.join('bench', 'results');

export type TMeta = {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  node: string;
  cpus: string;
  memoryGb: number;
  build: { buildId: string; builtAt: string };
  gitHead?: string;
  /** Commit time of HEAD: a build older than it may not contain HEAD's changes. */
  gitHeadAt?: string;
  database: string;
  /** 1-minute load average at the start and the end: the machine may be shared. */
  loadAverage: { start: number; end: number };
};

export function collectMeta(startedAt: number, build: TMeta['build'], embedded: boolean, loadAtStart: number): TMeta {
  let gitHead: string | undefined;
  let gitHeadAt: string | undefined;
  try {
    const [hash, seconds] = execFileSync('git', ['log', '-1', '--format=%h %ct'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(' ');
    gitHead = hash;
    gitHeadAt = new Date(Number(seconds) * 1000).toISOString();
  } catch {
    /* not a checkout */
  }
  const cpus = os.cpus();
  return {
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - startedAt) / 1000),
    node: process.version,
    cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    build,
    gitHead,
    gitHeadAt,
    database: embedded ? 'embedded PostgreSQL (same machine)' : 'DATABASE_URL (shared counters: other traffic on it is counted too)',
    loadAverage: { start: loadAtStart, end: Math.round(os.loadavg()[0] * 100) / 100 },
  };
}

const ms = (d: TDistribution) => (d.count ? `${fmt(d.p50)} / ${fmt(d.p95)} / ${fmt(d.p99)}` : 'n/a');
const fmt = (v: number | undefined, digits = 0) => (v === undefined ? 'n/a' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✅' : ' ❌');
const mb = (kb: number) => fmt(kb / 1024, 0);

type TCheck = { target: string; strategy: string; value: string; ok: boolean };

/**
 * Both query targets are exactly the ideal (one poll per watched org per
 * tick; one per stream for the anchor), so measurement noise alone would
 * decide the mark: a poll more or less at a window's edge, PostgreSQL
 * flushing its counters at most once a second. 5 % of slack keeps the mark
 * from flipping on that; the figures themselves are printed as measured.
 */
const SLACK = 0.05;
const ratioOk = (ratio: number, target: number) => ratio >= target * (1 - SLACK);
const atMostOk = (value: number, target: number) => value <= target * (1 + SLACK);

/**
 * The issue states the query targets at 2,000 streams across 50 orgs with a
 * 5 s interval: hub ≤ 10/s is one query per watched org per tick, and 40× is
 * streams ÷ orgs. At another size the same rules give these numbers.
 */
export function scaledTargets(options: TOptions) {
  return {
    hubMaxTxPerSecond: Math.round(((options.orgs * 1000) / options.pollIntervalMs) * 10) / 10,
    minRatio: Math.round((options.streams / options.orgs) * 10) / 10,
    sqlP95Ms: options.pollIntervalMs + 500,
  };
}

export function evaluate(results: TStrategyResult[], options: TOptions): TCheck[] {
  const checks: TCheck[] = [];
  const hub = results.find((r) => r.strategy === 'hub');
  const per = results.find((r) => r.strategy === 'per-connection');
  const t = scaledTargets(options);
  if (hub) checks.push({ target: `DB transactions/s with streams open ≤ ${t.hubMaxTxPerSecond} (one per watched org per tick; 5 % allowance)`, strategy: 'hub', value: fmt(hub.quiet.dbTxPerSecond, 1), ok: atMostOk(hub.quiet.dbTxPerSecond, t.hubMaxTxPerSecond) });
  if (hub && per) {
    const ratio = per.quiet.dbTxPerSecond / Math.max(hub.quiet.dbTxPerSecond, 0.01);
    checks.push({ target: `per-connection ÷ hub DB transactions/s ≥ ${t.minRatio}× (streams ÷ orgs; 5 % allowance)`, strategy: 'both', value: `${fmt(ratio, 2)}×`, ok: ratioOk(ratio, t.minRatio) });
  }
  if (hub && hub.metrics.atLoadEnd?.activePollers !== undefined) {
    const p = hub.metrics.atLoadEnd.activePollers;
    checks.push({ target: `active pollers = watched orgs (${options.orgs}); the idle org costs 0`, strategy: 'hub', value: String(p), ok: p === options.orgs });
  }
  for (const r of results) {
    checks.push({ target: 'API write → client p95 < 300 ms', strategy: r.strategy, value: `${fmt(r.delivery.latency.api.p95)} ms`, ok: r.delivery.latency.api.count > 0 && r.delivery.latency.api.p95 < 300 });
    const sqlLimit = t.sqlP95Ms;
    checks.push({ target: `SQL write → client p95 ≤ ${sqlLimit} ms`, strategy: r.strategy, value: `${fmt(r.delivery.latency.sql.p95)} ms`, ok: r.delivery.latency.sql.count > 0 && r.delivery.latency.sql.p95 <= sqlLimit });
    if (r.delivery.latency.sqlPollOnly.count) {
      checks.push({ target: `SQL write → client p95 ≤ ${sqlLimit} ms, orgs with no API write`, strategy: r.strategy, value: `${fmt(r.delivery.latency.sqlPollOnly.p95)} ms`, ok: r.delivery.latency.sqlPollOnly.p95 <= sqlLimit });
    }
    const d = r.delivery;
    const bad = d.lost + d.duplicated + d.reordered + d.unexpected + d.dropped;
    checks.push({ target: '0 lost, 0 duplicated, 0 reordered (and 0 unexpected, 0 dropped)', strategy: r.strategy, value: `${d.lost} / ${d.duplicated} / ${d.reordered} (${d.unexpected} / ${d.dropped})`, ok: bad === 0 && d.connections > 0 });
  }
  return checks;
}

export function comparisonTable(results: TStrategyResult[], options: TOptions): string {
  const hub = results.find((r) => r.strategy === 'hub');
  const per = results.find((r) => r.strategy === 'per-connection');
  const ratio = hub && per ? per.quiet.dbTxPerSecond / Math.max(hub.quiet.dbTxPerSecond, 0.01) : undefined;
  const pollRatio = hub?.quiet.pollsPerSecond && per?.quiet.pollsPerSecond ? per.quiet.pollsPerSecond / hub.quiet.pollsPerSecond : undefined;
  const t = scaledTargets(options);
  const sqlLimit = t.sqlP95Ms;
  const atDefault = options.streams === 2000 && options.orgs === 50 && options.pollIntervalMs === 5000;
  const row = (label: string, target: string, cell: (r: TStrategyResult) => string) => `| ${label} | ${results.map(cell).join(' | ')} | ${target} |`;
  const lines = [
    `| | ${results.map((r) => `**${r.strategy}**`).join(' | ')} | target |`,
    `|---|${results.map(() => '---:').join('|')}|---|`,
    row('streams open / requested', '', (r) => `${fmt(r.streams.connected)} / ${fmt(r.streams.requested)}`),
    row('orgs watched (+1 idle org, written to, not watched)', '', (r) => String(r.orgs)),
    row('time to open all streams', '', (r) => `${fmt(r.streams.ms / 1000, 1)} s`),
    row('**DB transactions/s, streams open, no writes**', `${atDefault ? 'hub ≤ 10' : `hub ≤ 10 at 50 orgs; here ≤ ${t.hubMaxTxPerSecond}`} (±5 %)`, (r) => `**${fmt(r.quiet.dbTxPerSecond, 1)}**${r.strategy === 'hub' ? mark(atMostOk(r.quiet.dbTxPerSecond, t.hubMaxTxPerSecond)) : ''}`),
    row('ratio per-connection ÷ hub (same; by server polls)', `${atDefault ? '≥ 40×' : `≥ 40× at 2,000 / 50; here ≥ ${t.minRatio}×`} (±5 %)`, (r) =>
      r.strategy === 'hub' && ratio !== undefined ? `${fmt(ratio, 1)}×${mark(ratioOk(ratio, t.minRatio))}${pollRatio !== undefined ? ` (${fmt(pollRatio, 1)}×)` : ''}` : '',
    ),
    row('DB transactions/s under load: raw / load itself / delivery', '', (r) => `${fmt(r.load.dbTxPerSecond, 1)} / ${fmt(r.load.loadTxPerSecond, 1)} / **${fmt(r.load.deliveryTxPerSecond, 1)}**`),
    row('server polls/s (metrics): no writes / under load', '', (r) => `${fmt(r.quiet.pollsPerSecond, 1)} / ${fmt(r.load.pollsPerSecond, 1)}`),
    row('active pollers at the end of the load (metrics)', `hub = ${options.orgs} (idle org: 0)`, (r) => `${fmt(r.metrics.atLoadEnd?.activePollers)}${r.strategy === 'hub' && r.metrics.atLoadEnd?.activePollers !== undefined ? mark(r.metrics.atLoadEnd.activePollers === options.orgs) : ''}`),
    row('**API write → client, p50 / p95 / p99 ms**', 'p95 < 300', (r) => `**${ms(r.delivery.latency.api)}**${mark(r.delivery.latency.api.count ? r.delivery.latency.api.p95 < 300 : undefined)}`),
    row('API request sent → client, p50 / p95 / p99 ms', '', (r) => ms(r.delivery.latency.apiFromRequest)),
    row('**SQL write → client, p50 / p95 / p99 ms**', `p95 ≤ ${sqlLimit}`, (r) => `**${ms(r.delivery.latency.sql)}**${mark(r.delivery.latency.sql.count ? r.delivery.latency.sql.p95 <= sqlLimit : undefined)}`),
    row('SQL write → client in orgs with no API write (timer poll only)', `p95 ≤ ${sqlLimit}`, (r) => `${ms(r.delivery.latency.sqlPollOnly)}${mark(r.delivery.latency.sqlPollOnly.count ? r.delivery.latency.sqlPollOnly.p95 <= sqlLimit : undefined)}`),
    row('server delivery latency p50 / p95 / p99 ms (metrics)', '', (r) => pctCell(r.metrics.atLoadEnd?.deliveryLatencyMs)),
    row('server poll duration p50 / p95 / p99 ms (metrics)', '', (r) => pctCell(r.metrics.atLoadEnd?.pollDurationMs)),
    row('server RSS: before streams → streams open (MB)', '', (r) => `${mb(r.rss.beforeKb)} → ${mb(r.rss.steadyKb)}`),
    row('server RSS per stream (growth ÷ streams, after GC; indicative)', '≤ 30 KB: judged by `--max-streams`', (r) => `${fmt(r.rss.perStreamKb, 1)} KB`),
    row('server RSS per stream, marginal (second half of the streams)', '', (r) => `${fmt(r.rss.marginalPerStreamKb, 1)} KB`),
    row('server V8 heap used per stream (metrics)', '', (r) => (r.rss.heapPerStreamKb === undefined ? 'n/a' : `${fmt(r.rss.heapPerStreamKb, 1)} KB`)),
    row('server CPU, % of one core: no writes / under load', '', (r) => `${fmt(r.quiet.serverCpuPercent, 1)} / ${fmt(r.load.serverCpuPercent, 1)}`),
    row('database CPU, % of one core: no writes / under load', '', (r) => `${fmt(r.quiet.databaseCpuPercent, 1)} / ${fmt(r.load.databaseCpuPercent, 1)}`),
    row('bench client CPU, % of one core: no writes / under load', '', (r) => `${fmt(r.quiet.clientCpuPercent, 1)} / ${fmt(r.load.clientCpuPercent, 1)}`),
    row('writes: API (ok / sent) + SQL (ok / sent)', '', (r) => `${r.load.api.ok} / ${r.load.api.sent} + ${r.load.sql.ok} / ${r.load.sql.sent}`),
    row('deliveries checked (expected / received)', '', (r) => `${fmt(r.delivery.deliveriesExpected)} / ${fmt(r.delivery.deliveriesReceived)}`),
    row('**lost / duplicated / reordered**', '0 / 0 / 0', (r) => {
      const d = r.delivery;
      return `**${d.lost} / ${d.duplicated} / ${d.reordered}**${mark(d.lost + d.duplicated + d.reordered === 0 && d.connections > 0)}`;
    }),
    row('unexpected rows / dropped connections', '0 / 0', (r) => `${r.delivery.unexpected} / ${r.delivery.dropped}${mark(r.delivery.unexpected + r.delivery.dropped === 0)}`),
  ];
  return lines.join('\n');
}

function pctCell(p: { p50?: number; p95?: number; p99?: number } | undefined): string {
  if (!p || p.p95 === undefined) return 'n/a';
  return `${fmt(p.p50)} / ${fmt(p.p95)} / ${fmt(p.p99)}`;
}

export function maxStreamsTable(result: TMaxStreamsResult): string {
  const lines = [
    '| streams open | failed to open | open time | server RSS (MB) | RSS per stream (growth ÷ streams, after GC) | marginal, this step | of which V8 heap | CPU % (probe) | API p50 / p95 ms | SQL p95 ms | lost / dup / reordered | dropped |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.steps.map(
      (s) =>
        `| ${fmt(s.open)} | ${fmt(s.failed)} | ${fmt(s.openMs / 1000, 1)} s | ${mb(s.rssKb)} | ${fmt(s.perStreamKb, 1)} KB | ${fmt(s.marginalKb, 1)} KB | ${s.heapPerStreamKb === undefined ? 'n/a' : `${fmt(s.heapPerStreamKb, 1)} KB`} | ${fmt(s.cpuPercent, 1)} | ${fmt(s.api.p50)} / ${fmt(s.api.p95)} | ${fmt(s.sql.p95)} | ${s.lost} / ${s.duplicated} / ${s.reordered} | ${s.dropped} |`,
    ),
  ];
  return lines.join('\n');
}

export function renderMarkdown(input: {
  meta: TMeta;
  options: TOptions;
  calibration?: TCalibration;
  readCost?: number;
  results: TStrategyResult[];
  maxStreams?: TMaxStreamsResult;
}): string {
  const { meta, options, calibration, readCost, results, maxStreams } = input;
  const out: string[] = [];
  out.push(`# Orylo delivery benchmark — ${meta.startedAt.slice(0, 19).replace('T', ' ')} UTC`);
  out.push('');
  out.push(
    `\`npm run bench${options.argv.length ? ` -- ${options.argv.join(' ')}` : ''}\` · ${meta.cpus} · ${meta.memoryGb} GB · Node ${meta.node} · build ${meta.build.buildId} (${meta.build.builtAt})${meta.gitHead ? ` · HEAD ${meta.gitHead}${meta.gitHeadAt && meta.gitHeadAt > meta.build.builtAt ? ' (committed after the build: run `npm run build` to measure it)' : ''}` : ''} · ${meta.database} · ${meta.seconds} s · load average ${meta.loadAverage.start} → ${meta.loadAverage.end}`,
  );
  out.push('');
  if (results.length) {
    out.push(
      `${options.streams} streams across ${options.orgs} orgs (one more org receives API writes and has no viewer) · poll interval ${options.pollIntervalMs} ms · ${options.idle} s with streams open and no writes, then ${options.duration} s of ${options.rate}/s API ingests (round-robin; ${pollOnlyOrgCount(options.orgs)} of the orgs get none) + ${options.sqlRate}/s direct SQL inserts (random orgs).`,
    );
    out.push('');
    out.push(comparisonTable(results, options));
    out.push('');
    const checks = evaluate(results, options);
    out.push(
      `Targets met: ${checks.filter((c) => c.ok).length} of ${checks.length}. The query targets apply to the phase with streams open and no writes (the cost of watching); under load each API ingest also nudges a poll, shown as "delivery".${options.streams !== 2000 || options.orgs !== 50 ? ' The issue states them at 2,000 streams across 50 orgs; here they are scaled by the same rules (one query per watched org per tick; ratio = streams ÷ orgs).' : ''}`,
    );
    out.push('');
    for (const r of results) for (const note of r.notes) out.push(`- ${r.strategy}: ${note}`);
    if (results.some((r) => r.notes.length)) out.push('');
  }
  if (maxStreams) {
    out.push(`## How far one server process goes (hub)`);
    out.push('');
    out.push(maxStreamsTable(maxStreams));
    out.push('');
    out.push(`Largest number of streams held: **${fmt(maxStreams.largest)}**, at **${fmt(maxStreams.largestPerStreamKb, 1)} KB** of server RSS per stream (after GC)${maxStreams.largest >= 10_000 ? ` against the targets of ≥ 10,000 streams and ≤ 30 KB: ${maxStreams.largestPerStreamKb <= 30 ? '✅' : '❌'}` : ''}. ${maxStreams.stoppedBecause}`);
    out.push('');
  }
  if (calibration) {
    out.push(
      `Method (see bench/README.md): DB transactions from \`pg_stat_database\` (xact_commit + xact_rollback). The load's own share was calibrated with the same load and no stream open: ${calibration.transactions} transactions for ${calibration.apiRequests} API ingests + ${calibration.sqlInserts} SQL inserts = **${calibration.perApiRequest} per API ingest** (+ 1 per SQL insert); "delivery" = raw − that. The bench's own counter readings (${readCost ?? '?'} transactions each, measured) are taken out. Latency = time a client process read the row off its stream − time the write's HTTP response arrived (API) or its INSERT returned (SQL), same clock; every delivery to every connection is a sample.`,
    );
    out.push('');
  }
  return out.join('\n');
}

/** Writes `<timestamp>.md|json` and `latest.md|json`; returns the Markdown path. */
export function writeReport(markdown: string, json: unknown, startedAt: number): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const text = JSON.stringify(json, null, 2);
  for (const name of [stamp, 'latest']) {
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown + '\n');
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), text + '\n');
  }
  return path.join(RESULTS_DIR, `${stamp}.md`);
}

// ---- npm run bench -- --ingest ------------------------------------------------

const decisionCell = (d: Record<string, number>) => {
  const total = (d.ALLOW ?? 0) + (d.REVIEW ?? 0) + (d.BLOCK ?? 0);
  const pct = (n: number | undefined) => (total ? ` (${fmt(((n ?? 0) / total) * 100, 1)} %)` : '');
  return `${fmt(d.ALLOW ?? 0)}${pct(d.ALLOW)} / ${fmt(d.REVIEW ?? 0)}${pct(d.REVIEW)} / ${fmt(d.BLOCK ?? 0)}${pct(d.BLOCK)}`;
};
const latencyCell = (l: TIngestResult['run']['latency']) => (l.count ? `${fmt(l.p50, 1)} / ${fmt(l.p95, 1)} / ${fmt(l.p99, 1)} / ${fmt(l.max, 1)}` : 'n/a');
const reasonsCell = (r: Record<string, number> | undefined) =>
  Object.entries(r ?? {}).sort(([, a], [, b]) => b - a).slice(0, 6).map(([code, n]) => `${code} × ${fmt(n)}`).join(', ') || 'none';
const statusCell = (s: Record<string, number>) => Object.entries(s).map(([k, v]) => `${k} × ${fmt(v)}`).join(', ') || 'none';

export function evaluateIngest(result: TIngestResult): TCheck[] {
  const { run } = result;
  const created = run.statuses['201'] ?? 0;
  return [
    { target: `ingest p95 < ${INGEST_P95_TARGET_MS} ms (client: request sent → response read)`, strategy: 'ingest', value: `${fmt(run.latency.p95, 1)} ms`, ok: run.latency.count > 0 && run.latency.p95 < INGEST_P95_TARGET_MS },
    { target: 'every answer a 201', strategy: 'ingest', value: statusCell(run.statuses), ok: run.sent > 0 && created === run.sent },
    { target: 'rows stored = 201 answers', strategy: 'ingest', value: `${fmt(result.stored.total)} / ${fmt(created)}`, ok: result.stored.total === created },
  ];
}

export function renderIngestMarkdown(input: { meta: TMeta; options: TOptions; result: TIngestResult }): string {
  const { meta, options, result } = input;
  const { run } = result;
  const attack = run.byScenario['card-testing'];
  const shoppers = run.byScenario.normal;
  const checks = evaluateIngest(result);
  const [p95Check, statusCheck, storedCheck] = checks;
  const share = Math.round(result.attackShare * 100);
  const lines = [
    `# Orylo ingest benchmark under card testing — ${meta.startedAt.slice(0, 19).replace('T', ' ')} UTC`,
    '',
    `\`npm run bench -- ${options.argv.join(' ')}\` · ${meta.cpus} · ${meta.memoryGb} GB · Node ${meta.node} · build ${meta.build.buildId} in ${result.build.distDir} (${meta.build.builtAt})${meta.gitHead ? ` · HEAD ${meta.gitHead}` : ''} · ${meta.database} · ${meta.seconds} s · load average ${meta.loadAverage.start} → ${meta.loadAverage.end}`,
    '',
    `${fmt(result.rate)} requests/s for ${result.duration} s, open loop (at most 256 in flight), into one org with the default rules the server seeds: ${share} % card testing (one attacker IP, a fresh card per attempt on 2–3 BINs, €0.50–€2, ~75 % declined) and ${100 - share} % ordinary shoppers (\`npm run simulate\` scenarios \`card-testing\` and \`normal\`, seed ${result.seed}). Warm-up: ${result.warmup.seconds} s on another org, not measured.`,
    '',
    '| | value | target |',
    '|---|---:|---|',
    `| requests sent / scheduled | ${fmt(run.sent)} / ${fmt(result.requested)} | |`,
    `| skipped (256 already in flight) | ${fmt(run.skipped)} | |`,
    `| achieved rate (answers/s, incl. the drain) | ${fmt(run.achievedRate, 1)} | ${fmt(result.rate)} |`,
    `| **ingest latency p50 / p95 / p99 / max (ms)** | **${latencyCell(run.latency)}** | p95 < ${INGEST_P95_TARGET_MS}${mark(p95Check.ok)} |`,
    `| card testing: p50 / p95 / p99 / max (ms) | ${attack ? latencyCell(attack.latency) : 'n/a'} | |`,
    `| shoppers: p50 / p95 / p99 / max (ms) | ${shoppers ? latencyCell(shoppers.latency) : 'n/a'} | |`,
    `| p95 by 5 s window of sending (ms) | ${run.windows.map((w) => fmt(w.p95, 0)).join(' → ') || 'n/a'} | |`,
    `| statuses | ${statusCell(run.statuses)} | all 201${mark(statusCheck.ok)} |`,
    `| decisions, all: ALLOW / REVIEW / BLOCK | ${decisionCell(run.decisions)} | |`,
    `| decisions, card testing (${fmt(attack?.sent ?? 0)}): ALLOW / REVIEW / BLOCK | ${attack ? decisionCell(attack.decisions) : 'n/a'} | |`,
    `| decisions, shoppers (${fmt(shoppers?.sent ?? 0)}): ALLOW / REVIEW / BLOCK | ${shoppers ? decisionCell(shoppers.decisions) : 'n/a'} | |`,
    `| reasons in flagged card testing (REVIEW/BLOCK), top 6 | ${reasonsCell(attack?.flaggedBy)} | |`,
    `| reasons in flagged shoppers (false positives), top 6 | ${reasonsCell(shoppers?.flaggedBy)} | |`,
    `| rows stored / 201 answers | ${storedCheck.value} | equal${mark(storedCheck.ok)} |`,
    `| server CPU, % of one core | ${fmt(result.cpu.server, 1)} | |`,
    `| database CPU, % of one core | ${result.cpu.database === null ? 'n/a' : fmt(result.cpu.database, 1)} | |`,
    `| bench client CPU, % of one core | ${fmt(result.cpu.client, 1)} | |`,
    `| server RSS before → after (MB) | ${fmt(result.serverRssMb.before)} → ${fmt(result.serverRssMb.after)} | |`,
    '',
    `Targets met: ${checks.filter((c) => c.ok).length} of ${checks.length}. Latency is taken by the bench process (node:http, keep-alive) from just before the request is written to the end of the response body, so it includes the network stack and the client's own event loop on this machine; CPU is utime + stime from \`/proc\` over the measured window (200 % = two cores). The shoppers' REVIEW and BLOCK are the defence's false positives under attack; see bench/README.md.`,
    '',
  ];
  return lines.join('\n');
}

/** Writes `<timestamp>-ingest.md|json` and `latest-ingest.md|json`; returns the Markdown path. */
export function writeIngestReport(markdown: string, json: unknown, startedAt: number): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const text = JSON.stringify(json, null, 2);
  for (const name of [`${stamp}-ingest`, 'latest-ingest']) {
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown + '\n');
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), text + '\n');
  }
  return path.join(RESULTS_DIR, `${stamp}-ingest.md`);
}
