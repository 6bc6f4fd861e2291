import type { ChildProcess } from 'node:child_process';
import type { OryloSession } from '@/scripts/lib/http-client';
import type { ClientLink } from './client-link';
import { expectedByOrg, flushAppBackends, ownerPool, readTransactionCount, type Sql, type TWrite } from './db';
import { runLoad, type TBenchOrg, type TLoadResult } from './load';
import type { TOptions } from './options';
import type { TExpectedOrg, TVerifyResult } from './protocol';
import { readCounters, type TServerMetrics } from './server-metrics';
import { sleep } from './stats';

/** What every phase of the bench shares. `server` and `client` are what cleanup must stop. */
export type TBenchContext = {
  options: TOptions;
  host: string;
  port: number;
  baseUrl: string;
  ownerUrl: string;
  secret: string;
  sql: Sql;
  orgs: TBenchOrg[];
  idleOrg: TBenchOrg;
  admin?: OryloSession;
  client?: ClientLink;
  server?: ChildProcess;
  pgPid: number | null;
  /** METRICS_TOKEN given to the server: counters without a session lookup. */
  metricsToken: string;
  /** Transactions one counter reading (a fresh connection) adds: see measureReadCost. */
  readCost: number;
  progress: (message: string) => void;
};

export type TCalibration = {
  seconds: number;
  apiRequests: number;
  sqlInserts: number;
  transactions: number;
  /** Database transactions per API ingest request (key lookup + the ingest transaction). */
  perApiRequest: number;
  method: string;
};

/**
 * How many database transactions the write load causes by itself: the same
 * load with no stream open, counted exactly (every backend involved is made
 * to flush its statistics before the closing reading).
 */
export async function calibrate(ctx: TBenchContext, seconds: number): Promise<TCalibration> {
  await flushAppBackends(ctx.ownerUrl);
  await sleep(300);
  const pool = ownerPool(ctx.ownerUrl, 1);
  const before = await readTransactionCount(ctx.ownerUrl);
  const load = await runLoad({ ...loadTargets(ctx), sql: pool, apiRate: ctx.options.rate, sqlRate: ctx.options.sqlRate, durationMs: seconds * 1000 });
  await pool.end({ timeout: 5 });
  const reconnected = await flushAppBackends(ctx.ownerUrl);
  await sleep(500);
  const after = await readTransactionCount(ctx.ownerUrl);
  // Not the load's: our first reading and the flush (a fresh connection each),
  // and the start-up of each server connection re-opened after the first flush
  // and of the bench's insert connection (a new backend counts like our
  // readings minus their one query).
  const startups = reconnected + (load.sql.sent > 0 ? 1 : 0);
  const transactions = after - before - 2 * ctx.readCost - startups * (ctx.readCost - 1);
  const apiRequests = load.api.sent;
  const sqlInserts = load.sql.sent;
  const perApiRequest = apiRequests > 0 ? Math.max(0, (transactions - sqlInserts) / apiRequests) : 0;
  return {
    seconds,
    apiRequests,
    sqlInserts,
    transactions,
    perApiRequest: Math.round(perApiRequest * 100) / 100,
    method: 'same load with no stream open; server and bench connections closed before the closing reading so their counters are flushed',
  };
}

export const loadTargets = (ctx: TBenchContext) => ({ host: ctx.host, port: ctx.port, orgs: ctx.orgs, idleOrg: ctx.idleOrg });

/** The rows the load wrote, per org in stream order, with each write's times (for the client's check). */
export async function expectedDeliveries(ctx: TBenchContext, afterSeq: string, writes: TWrite[]): Promise<TExpectedOrg[]> {
  const byId = new Map(writes.map((w) => [w.id, w]));
  const rows = await expectedByOrg(ctx.sql, ctx.orgs.map((o) => o.orgId), afterSeq);
  return ctx.orgs.map((org) => {
    const ids = rows.get(org.orgId) ?? [];
    return {
      org: org.index,
      ids,
      refAt: ids.map((id) => byId.get(id)?.doneAt ?? null),
      sentAt: ids.map((id) => byId.get(id)?.sentAt ?? null),
      kind: ids.map((id) => byId.get(id)?.kind ?? null),
      pollOnly: org.pollOnly,
    };
  });
}

/**
 * Waits until every open connection has every expected row, for at least
 * `minMs` (late duplicates would show) and at most `maxMs`; then checks them.
 */
export async function drainAndVerify(ctx: TBenchContext, expected: TExpectedOrg[], options: { minMs: number; maxMs: number }): Promise<{ drainMs: number; complete: boolean; verify: TVerifyResult }> {
  const client = ctx.client!;
  const started = Date.now();
  const brief = expected.map((e) => ({ org: e.org, ids: e.ids }));
  let complete = false;
  while (Date.now() - started < options.maxMs) {
    complete = (await client.check(brief)).complete;
    if (complete && Date.now() - started >= options.minMs) break;
    await sleep(500);
  }
  const verify = await client.verify(expected);
  return { drainMs: Date.now() - started, complete, verify };
}

/** After closing streams: waits (≤ 15 s) until the server counts no connection and no poller. */
export async function waitForNoStreams(ctx: TBenchContext): Promise<{ metrics: TServerMetrics | null; ms: number }> {
  const started = Date.now();
  let metrics = await readCounters(ctx.baseUrl, ctx.metricsToken, ctx.admin);
  while (metrics && (metrics.activeConnections ?? 0) + (metrics.activePollers ?? 0) > 0 && Date.now() - started < 15_000) {
    await sleep(250);
    metrics = await readCounters(ctx.baseUrl, ctx.metricsToken, ctx.admin);
  }
  if (!metrics) await sleep(1_000); // no metrics: give the server a moment to notice the closes
  return { metrics, ms: Date.now() - started };
}

export type { TLoadResult };
