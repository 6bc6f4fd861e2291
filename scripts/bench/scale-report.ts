import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, type TMeta } from './report';
import { renderCounterTable } from './scale-counters';
import { renderDiskTables } from './scale-disk';
import { FILTER_P50_TARGET_MS, renderFilterTable } from './scale-filters';
import type { TScaleResult } from './scale';

// The --scale report: counters big vs small, every filter against 100 ms, the
// rollups' lag and the disk, with issue 12's targets evaluated; written as
// `<timestamp>-scale.md|json` and `latest-scale.md|json` under bench/results/.

/** Counters cost the same at the big org as at the small one: within this factor at p50. */
export const COUNTER_RATIO_TARGET = 3;

export type TScaleCheck = { target: string; value: string; ok: boolean };

export function evaluateScale(r: TScaleResult): TScaleCheck[] {
  const small = new Map(r.counters.filter((c) => c.org === 'small').map((c) => [c.name, c]));
  const checks: TScaleCheck[] = r.counters
    .filter((c) => c.org === 'big')
    .map((c) => {
      const s = small.get(c.name);
      const ratio = s && s.p50 > 0 ? c.p50 / s.p50 : Number.POSITIVE_INFINITY;
      return { target: `${c.name}: big p50 ≤ ${COUNTER_RATIO_TARGET} × small p50`, value: `${c.p50} ms vs ${s?.p50 ?? '–'} ms (${ratio.toFixed(2)}×)`, ok: ratio <= COUNTER_RATIO_TARGET };
    });
  for (const f of r.filters) checks.push({ target: `list ${f.name}: big p50 < ${FILTER_P50_TARGET_MS} ms`, value: `${f.big.p50} ms`, ok: f.big.p50 < FILTER_P50_TARGET_MS });
  return checks;
}

const n = (v: number) => v.toLocaleString('en-US');

export function renderScaleMarkdown(meta: TMeta, r: TScaleResult): string {
  const checks = evaluateScale(r);
  const failed = checks.filter((c) => !c.ok);
  const v = r.volume;
  const lag = r.lag;
  return [
    '# Orylo scale benchmark (`npm run bench -- --scale`)',
    '',
    `${meta.startedAt} → ${meta.finishedAt} (${meta.seconds} s); ${meta.cpus}, ${meta.memoryGb} GB; Node ${meta.node}; build ${meta.build.buildId}${meta.gitHead ? `, HEAD ${meta.gitHead}` : ''}; ${r.embedded ? 'embedded PostgreSQL' : 'PostgreSQL from DATABASE_URL'}; load average ${meta.loadAverage.start} → ${meta.loadAverage.end}.`,
    '',
    `Volume: big org ${n(v.bigToday)} detections today + ${n(v.bigOlder)} in the 30 days before; another org ${n(v.other)}; small org ${n(v.small)}. ` +
      `Seeded straight into SQL in ${r.seed.chunks} commits: ${n(r.seed.rows)} rows in ${r.seed.seconds} s (${n(r.seed.rowsPerSecond)} rows/s, with the server's rollup follower reading meanwhile). ` +
      `The follower had read everything ${r.followerCatchUpSeconds} s after the seed's last commit; VACUUM (ANALYZE) took ${r.vacuumAnalyzeSeconds} s.`,
    '',
    `**Targets: ${checks.length - failed.length} of ${checks.length} met.**${failed.length ? ` Missed: ${failed.map((c) => `${c.target} (${c.value})`).join('; ')}.` : ''}`,
    '',
    '## Counters (rollups) and ingest, big org vs small org',
    '',
    'Sequential HTTP requests after 3 warm-up calls of each, 30 samples each, the two orgs\' requests alternating (a load spike on a shared machine hits both). Target: big p50 within 3× of small.',
    '',
    renderCounterTable(r.counters),
    '',
    '## The list, each filter alone and a few combinations',
    '',
    `Sequential GET /api/v1/detections?limit=50 after 3 warm-up calls, big and small alternating, 30 samples (fewer, shown, when one case would pass 45 s). "rows": rows on the big org's page. Target: big p50 < ${FILTER_P50_TARGET_MS} ms.`,
    '',
    renderFilterTable(r.filters),
    '',
    ...(r.explains.length
      ? ['### Plans of the filters over the target', '', 'As the app runs them: in a transaction, `SET LOCAL ROLE` to the app login role, `app.org_id` set, the statement lib/detections/find.ts builds.', '', ...r.explains.flatMap((e) => [`#### ${e.name}`, '', '```', e.plan, '```', ''])]
      : []),
    '## Rollup lag under steady ingest',
    '',
    `POST /api/v1/transactions at ${lag.ratePerSecond}/s for ${lag.seconds} s (${n(lag.ingested)} attempts) on the big org; every 200 ms, the rows the follower had not read yet and the age of the oldest (from its transaction's start).`,
    '',
    '| | p50 | p95 | max |',
    '|---|---:|---:|---:|',
    `| rows behind | ${lag.rowsBehind.p50} | ${lag.rowsBehind.p95} | ${lag.rowsBehind.max} |`,
    `| oldest unread row, ms | ${lag.oldestUnreadMs.p50} | ${lag.oldestUnreadMs.p95} | ${lag.oldestUnreadMs.max} |`,
    `| oldest open transaction on the server (any database), ms | ${lag.oldestOpenTransactionMs.p50} | ${lag.oldestOpenTransactionMs.p95} | ${lag.oldestOpenTransactionMs.max} |`,
    '',
    'The follower reads up to `pg_snapshot_xmin`, which no transaction still open on the server has passed (xids are the whole server\'s): when the last row shows a long transaction, the lag above is that transaction\'s, not the rollups\' (on a shared server, another database\'s import counts).',
    '',
    '## Disk',
    '',
    renderDiskTables(r.disk),
    '',
  ].join('\n');
}

/** Writes `<timestamp>-scale.md|json` and `latest-scale.md|json`; returns the Markdown path. */
export function writeScaleReport(markdown: string, json: unknown, startedAt: number): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-');
  const text = JSON.stringify(json, null, 2);
  for (const name of [`${stamp}-scale`, 'latest-scale']) {
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), `${markdown}\n`);
    fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${text}\n`);
  }
  return path.join(RESULTS_DIR, `${stamp}-scale.md`);
}
