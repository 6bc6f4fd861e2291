import { sql as sqlTag } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { appLoginRole, databaseOf } from '@/db/roles';
import * as schema from '@/db/schema';
import { findDetections, ZFindDetectionsQuerySchema } from '@/lib/detections/find';

// For a slow filter, the plan PostgreSQL chose, as the app runs the query: the
// SQL is the one lib/detections/find.ts builds (captured from Drizzle's
// logger while it runs), explained in a transaction as the app's login role
// with app.org_id set, because row-level security changes the plans (an
// operator that is not leakproof cannot be an index condition under it).

type TStatement = { query: string; params: unknown[] };

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs `fn` in a transaction as the app's login role, in the org. */
async function asApp<T>(sql: postgres.Sql, ownerUrl: string, orgId: string, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx.unsafe(`set local role ${quoteIdent(appLoginRole(databaseOf(ownerUrl)))}`);
    await tx`select set_config('app.org_id', ${orgId}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

/** The statements findDetections runs for these query parameters (the route's own parsing first). */
async function captureStatements(sql: postgres.Sql, ownerUrl: string, orgId: string, params: Record<string, string>): Promise<TStatement[]> {
  const query = ZFindDetectionsQuerySchema.parse({ limit: '50', ...params });
  const { limit, cursor, after: _after, ...filters } = query;
  const captured: TStatement[] = [];
  const logger = { logQuery: (q: string, p: unknown[]) => void captured.push({ query: q, params: p }) };
  const db = drizzle(sql, { schema, logger });
  await db.transaction(async (tx) => {
    // As the app runs them: its login role, its org (what inOrgTransaction sets).
    await tx.execute(sqlTag.raw(`set local role ${quoteIdent(appLoginRole(databaseOf(ownerUrl)))}`));
    await tx.execute(sqlTag`select set_config('app.org_id', ${orgId}, true)`);
    captured.length = 0;
    await findDetections({ db: tx, orgId, limit, cursor, filters });
  });
  return captured;
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of the list query for these parameters, as text. */
export async function explainList(input: { ownerUrl: string; orgId: string; params: Record<string, string> }): Promise<string> {
  const sql = postgres(input.ownerUrl, { max: 1, onnotice: () => {}, fetch_types: false });
  try {
    const statements = await captureStatements(sql, input.ownerUrl, input.orgId, input.params);
    const select = statements.findLast((s) => /^\s*select/i.test(s.query));
    if (!select) return '(no select captured)';
    return await asApp(sql, input.ownerUrl, input.orgId, async (tx) => {
      // The settings find.ts makes before its select (plan_cache_mode).
      for (const s of statements) if (/^\s*set /i.test(s.query)) await tx.unsafe(s.query, s.params as never[]);
      const rows = await tx.unsafe(`explain (analyze, buffers) ${select.query}`, select.params as never[]);
      const params = select.params.map((p, i) => `$${i + 1} = ${JSON.stringify(p)}`).join(', ');
      return [`-- ${select.query}`, `-- ${params}`, ...rows.map((r) => String(r['QUERY PLAN']))].join('\n');
    });
  } finally {
    await sql.end({ timeout: 2 });
  }
}
