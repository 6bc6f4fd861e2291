import fs from 'node:fs';
import path from 'node:path';
import { latencyOf, type TLatency, type TRunSummary } from '@/lib/simulate/recorder';
import type { TBlockClick, TPageProbe } from './browser-probe';
import type { TOptions } from './options';
import { RESULTS_DIR, type TMeta } from './report';

// The browser bench's figures and its report (bench/results/<time>-browser.md
// and latest-browser.md, with the JSON beside them).

/** The issue's targets: production at 50/s, and a Block click under `npm run dev` at 20/s. */
export const BROWSER_TARGETS = { busyShare: 0.1, longestTaskMs: 100, blockP95Ms: 100, devBlockP95Ms: 1_000 };

export type TBrowserResult = {
  mode: 'start' | 'dev';
  rate: number;
  duration: number;
  attackShare: number;
  seed: number;
  build: { buildId: string; builtAt: string; distDir: string } | null;
  embedded: boolean;
  run: TRunSummary;
  /** Main-thread task time ÷ wall time over the traffic, and the busiest second. */
  busy: { share: number; cpuShare: number; busiestSecond: number; seconds: number; idleShare: number };
  longTasks: { count: number; over100ms: number; longestMs: number; totalMs: number; blockingMs: number };
  /** Over the traffic: the server's and the database's CPU (% of one core) and the whole machine's busy share. */
  machine: { server: number; database: number | null; busyShare: number };
  warRoomAfterSeconds: number | null;
  /** Click sent → request started by the network stack (wall clock), and in the page press → fetch() called. */
  block: { attempts: number; sent: number; toNetwork: TLatency; toFetch: TLatency; errors: string[] };
};

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summariseBrowserRun(input: {
  options: TOptions;
  mode: 'start' | 'dev';
  build: TBrowserResult['build'];
  embedded: boolean;
  seed: number;
  run: TRunSummary;
  window: { seconds: number; busySeconds: number; cpuSeconds: number; pageStart: number; pageEnd: number };
  perSecond: number[];
  /** The same share over 5 s before the traffic: the page live and at rest. */
  idleShare: number;
  machine: TBrowserResult['machine'];
  warRoomAfterSeconds: number | null;
  probe: TPageProbe;
  clicks: TBlockClick[];
}): TBrowserResult {
  const { probe, window: w } = input;
  const tasks = probe.longTasks.filter((t) => t.start >= w.pageStart && t.start <= w.pageEnd);
  const sent = input.clicks.filter((c) => c.ok);
  const toNetwork = sent.map((c) => c.networkStartAt! - c.clickedAt!);
  const toFetch = probe.fetches.filter((f) => f.press !== null).map((f) => f.at - f.press!);
  return {
    mode: input.mode,
    rate: input.options.rate,
    duration: input.options.duration,
    attackShare: input.options.attackShare,
    seed: input.seed,
    build: input.build,
    embedded: input.embedded,
    run: input.run,
    busy: { share: round(w.busySeconds / w.seconds, 4), cpuShare: round(w.cpuSeconds / w.seconds, 4), busiestSecond: round(Math.max(0, ...input.perSecond), 3), seconds: round(w.seconds), idleShare: round(input.idleShare, 4) },
    longTasks: {
      count: tasks.length,
      over100ms: tasks.filter((t) => t.duration > 100).length,
      longestMs: round(Math.max(0, ...tasks.map((t) => t.duration))),
      totalMs: round(tasks.reduce((s, t) => s + t.duration, 0)),
      blockingMs: round(tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0)),
    },
    machine: { ...input.machine, busyShare: round(input.machine.busyShare, 3) },
    warRoomAfterSeconds: input.warRoomAfterSeconds === null ? null : round(input.warRoomAfterSeconds),
    block: {
      attempts: input.clicks.length,
      sent: sent.length,
      toFetch: latencyOf(toFetch),
      toNetwork: latencyOf(toNetwork),
      errors: input.clicks.filter((c) => !c.ok).map((c) => c.error ?? 'unknown'),
    },
  };
}

const mark = (ok: boolean) => (ok ? ' ✅' : ' ❌');
const pct = (share: number) => `${round(share * 100)} %`;

export function renderBrowserMarkdown(meta: TMeta, r: TBrowserResult): string {
  const t = BROWSER_TARGETS;
  const dev = r.mode === 'dev';
  const blockTarget = dev ? t.devBlockP95Ms : t.blockP95Ms;
  const l = r.block.toNetwork;
  const f = r.block.toFetch;
  const lines = [
    `# Browser bench: the dashboard and the war room while ${r.rate} attempts/s stream in (${meta.startedAt})`,
    '',
    `${dev ? '`next dev`' : `Production build ${r.build?.buildId} (${r.build?.distDir}, built ${r.build?.builtAt})`}, git ${meta.gitHead ?? '?'}, ` +
      `${r.embedded ? 'embedded' : 'own'} PostgreSQL, Chromium (headless, 1280×800), ${meta.cpus}, Node ${meta.node}. ` +
      `Load average ${meta.loadAverage.start} at the start, ${meta.loadAverage.end} at the end: server, database, Chromium and the bench share these cores.`,
    ...(process.env.BENCH_NOTE ? ['', `Note: ${process.env.BENCH_NOTE}`] : []),
    '',
    `Traffic: ${r.rate}/s for ${r.duration} s, ${Math.round(r.attackShare * 100)} % card testing, the rest shoppers (seed ${r.seed}); ` +
      `${r.run.sent} sent, ${r.run.achievedRate}/s answered, statuses ${JSON.stringify(r.run.statuses)}, decisions ${JSON.stringify(r.run.decisions)}. ` +
      `War room with Block buttons ${r.warRoomAfterSeconds === null ? 'never shown' : `after ${r.warRoomAfterSeconds} s`}. ` +
      `Meanwhile the server used ${r.machine.server} % of a core, the database ${r.machine.database ?? '?'} %, and the machine's cores were ${pct(r.machine.busyShare)} busy in all.`,
    '',
    '| figure | measured | target |',
    '|---|---:|---|',
    `| main thread busy (task time ÷ wall time, ${r.busy.seconds} s) | ${pct(r.busy.share)}${dev ? '' : mark(r.busy.share < t.busyShare)} | ${dev ? '–' : `< ${pct(t.busyShare)}`} |`,
    `| main thread CPU time ÷ wall time (the same tasks, less the time they waited for a core) | ${pct(r.busy.cpuShare)} | – |`,
    `| busiest second | ${pct(r.busy.busiestSecond)} | – |`,
    `| main thread busy at rest (live, no traffic, 5 s before) | ${pct(r.busy.idleShare)} | – |`,
    `| long tasks (> 50 ms) / over 100 ms | ${r.longTasks.count} / ${r.longTasks.over100ms} | – |`,
    `| longest task | ${r.longTasks.longestMs} ms${dev ? '' : mark(r.longTasks.longestMs <= t.longestTaskMs)} | ${dev ? '–' : `≤ ${t.longestTaskMs} ms`} |`,
    `| total blocking time (Σ task − 50 ms) | ${r.longTasks.blockingMs} ms | – |`,
    `| Block clicks: attempted / request sent | ${r.block.attempts} / ${r.block.sent}${mark(r.block.attempts > 0 && r.block.sent === r.block.attempts)} | every click sends |`,
    `| Block click sent → request started, p50 / p95 / max | ${l.p50} / ${l.p95} / ${l.max} ms${mark(l.count > 0 && l.p95 < blockTarget && r.block.sent === r.block.attempts)} | p95 < ${blockTarget} ms |`,
    `| in the page: pointerdown → fetch() called, p50 / p95 / max | ${f.p50} / ${f.p95} / ${f.max} ms | – |`,
    '',
    'Busy share: Chromium\'s `TaskDuration` (CDP `Performance.getMetrics`) for the page\'s renderer main thread, over the traffic, in wall time ' +
      '(`timeDomain: timeTicks`) and in the thread\'s CPU time (`threadTicks`): when the machine is overloaded the first grows with the time tasks wait for a core. ' +
      'Long tasks: `PerformanceObserver(\'longtask\')` installed before the app\'s scripts, those that started during the traffic. ' +
      'Block latency: the button is located first, then the clock starts and the mouse goes down and up on it through CDP (as a person\'s click: ' +
      'no actionability checks), until Chromium\'s network stack starts the `POST /api/v1/lists` (Playwright\'s request timing, both wall clock); ' +
      'a click every 2.5 s once the war room shows Block buttons. In the page: the `pointerdown`\'s timestamp to the app\'s `fetch()` call.',
    ...(r.block.errors.length ? ['', `Clicks without a request: ${r.block.errors.slice(0, 5).join('; ')}`] : []),
  ];
  return lines.join('\n');
}

export function writeBrowserReport(markdown: string, json: unknown, startedAt: number, dev: boolean): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const suffix = dev ? 'browser-dev' : 'browser';
  for (const name of [`${stamp}-${suffix}`, `latest-${suffix}`]) {
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), `${markdown}\n`);
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  }
  return path.join(RESULTS_DIR, `${stamp}-${suffix}.md`);
}
