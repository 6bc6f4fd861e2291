import { randomUUID } from 'node:crypto';
import type { OryloSession } from '@/scripts/lib/http-client';
import type { Sql } from './db';
import { timeAlternately } from './scale-timing';
import { distribution, sleep } from './stats';

// The counters' half of `npm run bench -- --scale`: the reads that come from
// the rollups (stats, the review queue, the charts), a detection's related
// counts, the ingest, and how far the rollup follower trails the table, on a
// big organization against a small one.

export type TCounterOrg = { label: string; session: OryloSession; orgId: string; apiKey: string };
export type TReadRow = { org: string; name: string; p50: number; p95: number; max: number };
type TSpread = { p50: number; p95: number; max: number };
export type TLag = {
  seconds: number;
  ratePerSecond: number;
  ingested: number;
  rowsBehind: TSpread;
  oldestUnreadMs: TSpread;
  /** The oldest transaction with an xid open anywhere on the server: it holds every follower's horizon back (the cursor is commit-safe by design). */
  oldestOpenTransactionMs: TSpread;
};

/** Rows the follower has not read yet (all organizations) and the age of the oldest, as the owner sees them. */
async function followerBacklog(sql: Sql): Promise<{ rows: number; oldestMs: number }> {
  // The cursor as a constant, so the planner walks the (tx_id, seq) index from it (lib/rollups/read.ts).
  const [c] = await sql`select det_tx::text as tx, det_seq as seq from rollup_state where id = 1`;
  const [r] = await sql`
    select count(*)::int as n, coalesce(extract(epoch from now() - min(d.created_at)) * 1000, 0)::float8 as age
    from detections d where d.tx_id >= ${c.tx}::xid8 and (d.tx_id, d.seq) > (${c.tx}::xid8, ${c.seq}::bigint)`;
  return { rows: Number(r.n), oldestMs: Number(r.age) };
}

/**
 * The age of the oldest transaction holding an xid on the whole server (every
 * database: xids are the cluster's). pg_snapshot_xmin stops at it, so the
 * follower cannot read past it, whoever runs it: on a shared server, another
 * database's long import shows up as lag here.
 */
async function oldestOpenTransactionMs(sql: Sql): Promise<number> {
  const [r] = await sql`
    select coalesce(max(extract(epoch from now() - xact_start)) * 1000, 0)::float8 as ms
    from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()`;
  return Number(r.ms);
}

/** Waits until the follower has read every row (after a seed written straight to the table); the seconds it took. */
export async function followerCatchUp(sql: Sql, progress: (m: string) => void): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await followerBacklog(sql);
    if (rows === 0) return Math.round((Date.now() - started) / 100) / 10;
    progress(`rollup follower: ${rows.toLocaleString('en-US')} rows to read`);
    await sleep(rows > 50_000 ? 5_000 : 500);
  }
}

const payment = (i: number) => ({
  externalId: `bench-${randomUUID()}`,
  amount: 1000 + (i % 9000),
  currency: 'EUR',
  email: `shopper${i % 5000}@example.com`,
  ip: `198.51.${(i >> 8) % 256}.${i % 256}`,
  card: { fingerprint: `fp-bench-${i % 20000}`, bin: String(400000 + (i % 900)), last4: '4242', country: 'FR' },
  authStatus: 'authorized',
});

async function ingest(baseUrl: string, apiKey: string, i: number): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(payment(i)),
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`ingest answered ${res.status}`);
}

/** The counter reads of one org, by name (ingest included), in the order they are timed. */
async function counterReads(baseUrl: string, org: TCounterOrg, sql: Sql): Promise<Map<string, () => Promise<unknown>>> {
  const [recent] = await sql`select id from detections where organization_id = ${org.orgId} order by created_at desc limit 1 offset 100`;
  const reads = new Map<string, () => Promise<unknown>>([
    ['GET /api/v1/stats', () => org.session.json('/api/v1/stats')],
    ['GET /api/v1/reviews', () => org.session.json('/api/v1/reviews')],
    ['GET /api/v1/stats/history?range=24h', () => org.session.json('/api/v1/stats/history?range=24h')],
    ['GET /api/v1/stats/history?range=7d', () => org.session.json('/api/v1/stats/history?range=7d')],
    ['GET /api/v1/stats/history?range=30d', () => org.session.json('/api/v1/stats/history?range=30d')],
  ]);
  if (recent) reads.set('GET /api/v1/detections/:id/related', () => org.session.json(`/api/v1/detections/${recent.id}/related`));
  let n = 0;
  reads.set('POST /api/v1/transactions (ingest)', () => ingest(baseUrl, org.apiKey, n++));
  return reads;
}

/**
 * p50/p95 of each counter read and of the ingest, per organization; the
 * orgs' requests alternate (scale-timing.ts), so both see the same machine.
 */
export async function measureCounterReads(input: { baseUrl: string; orgs: TCounterOrg[]; sql: Sql; samples: number; progress: (m: string) => void }): Promise<TReadRow[]> {
  const reads = await Promise.all(input.orgs.map((org) => counterReads(input.baseUrl, org, input.sql)));
  const out: TReadRow[] = [];
  for (const name of reads[0].keys()) {
    const fns = reads.map((r) => r.get(name)).filter((fn) => fn !== undefined);
    if (fns.length !== input.orgs.length) continue;
    input.progress(`counters: ${name}`);
    const timings = await timeAlternately(fns, input.samples);
    timings.forEach((t, k) => out.push({ org: input.orgs[k].label, name, p50: t.p50, p95: t.p95, max: t.max }));
  }
  return out;
}

/**
 * A steady ingest through the API at `ratePerSecond` for `seconds`, sampling
 * every 200 ms how many rows the follower has not read and how old the oldest
 * of them is (its transaction's start: the lag includes the ingest's own time).
 */
export async function measureRollupLag(input: { baseUrl: string; org: TCounterOrg; sql: Sql; ratePerSecond: number; seconds: number }): Promise<TLag> {
  const { ratePerSecond, seconds } = input;
  const behind: number[] = [];
  const age: number[] = [];
  const open: number[] = [];
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const b = await followerBacklog(input.sql);
      behind.push(b.rows);
      age.push(b.oldestMs);
      open.push(await oldestOpenTransactionMs(input.sql));
      await sleep(200);
    }
  })();
  const started = Date.now();
  const total = ratePerSecond * seconds;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    inflight.push(ingest(input.baseUrl, input.org.apiKey, 1_000_000 + i));
  }
  await Promise.all(inflight);
  done = true;
  await sampler;
  const pick = (xs: number[]) => {
    const d = distribution(xs);
    return { p50: d.p50, p95: d.p95, max: d.max };
  };
  return { seconds, ratePerSecond, ingested: total, rowsBehind: pick(behind), oldestUnreadMs: pick(age), oldestOpenTransactionMs: pick(open) };
}

export function renderCounterTable(rows: TReadRow[]): string {
  const small = new Map(rows.filter((r) => r.org === 'small').map((r) => [r.name, r]));
  const lines = ['| read | big p50 ms | big p95 ms | small p50 ms | small p95 ms | big ÷ small (p50) |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of rows.filter((x) => x.org === 'big')) {
    const s = small.get(r.name);
    lines.push(`| ${r.name} | ${r.p50} | ${r.p95} | ${s?.p50 ?? '–'} | ${s?.p95 ?? '–'} | ${s && s.p50 > 0 ? (r.p50 / s.p50).toFixed(2) : '–'} |`);
  }
  return lines.join('\n');
}
