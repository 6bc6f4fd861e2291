import postgres from 'postgres';
import { appLoginRole, databaseOf } from '@/db/roles';
import type { TKind } from './protocol';

// The bench's own database access, as the owner role (the migrating role; a
// superuser on the embedded database, so RLS does not apply): transaction
// counters, direct inserts that bypass the API, and the expected rows.

export type Sql = postgres.Sql;

export const ownerPool = (url: string, max = 4): Sql =>
  postgres(url, { max, onnotice: () => {}, fetch_types: false, connection: { application_name: 'orylo-bench' } });

/**
 * Committed + rolled-back transactions of the database so far, read on a
 * connection of its own that is closed at once: a backend flushes its
 * pending statistics when it exits, so our own reads do not lag. (Each read
 * adds one transaction of its own, counted in the next one.)
 */
export async function readTransactionCount(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, fetch_types: false });
  try {
    const [row] = await sql<{ n: string }[]>`
      select (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = current_database()`;
    return Number(row.n);
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/**
 * How many transactions one readTransactionCount adds to the count (the
 * query, and the new backend's own start-up work): measured on the quiet
 * database before anything else runs.
 */
export async function measureReadCost(url: string): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 4; i++) {
    readings.push(await readTransactionCount(url));
    await new Promise((r) => setTimeout(r, 200));
  }
  return Math.max(1, Math.round((readings[3] - readings[0]) / 3));
}

/**
 * Ends the app role's connections so that they flush their statistics now
 * (PostgreSQL sends a backend's counters at most once a second, and an idle
 * one may hold them for 10 s). Only while no stream is open: the server's pool
 * reconnects on its next query.
 */
export async function flushAppBackends(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, fetch_types: false });
  try {
    const rows = await sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where usename = ${appLoginRole(databaseOf(url))} and datname = current_database() and pid <> pg_backend_pid()`;
    return rows.length;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

export async function dataDirectory(sql: Sql): Promise<string | null> {
  try {
    const [row] = await sql<{ setting: string }[]>`select setting from pg_settings where name = 'data_directory'`;
    return row?.setting ?? null;
  } catch {
    return null;
  }
}

/** The highest detection seq so far: rows after it were written by the load. */
export async function maxDetectionSeq(sql: Sql): Promise<string> {
  const [row] = await sql<{ seq: string }[]>`select coalesce(max(seq), 0)::text as seq from detections`;
  return row.seq;
}

/** One detection written straight into the table: no API, no nudge; only the poll finds it. */
export async function insertDetection(sql: Sql, orgId: string, externalId: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons)
    values (${orgId}, ${externalId}, 100, 'EUR', 0, 'low', 'ALLOW', '[]'::jsonb)
    returning id::text as id`;
  return row.id;
}

export type TWrite = { id: string; org: number; kind: TKind; sentAt: number; doneAt: number };

/** Per org, the detections written after `afterSeq`, in stream order (tx_id, seq). */
export async function expectedByOrg(sql: Sql, orgIds: string[], afterSeq: string): Promise<Map<string, string[]>> {
  const rows = await sql<{ id: string; organization_id: string }[]>`
    select id::text as id, organization_id from detections
    where seq > ${afterSeq}::bigint and organization_id in ${sql(orgIds)}
    order by organization_id, tx_id, seq`;
  const out = new Map<string, string[]>(orgIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.organization_id)!.push(r.id);
  return out;
}
