import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { databaseOf } from '@/db/roles';
import { prepareDatabase, type PreparedDatabase } from '@/scripts/lib/database';
import { OryloSession } from '@/scripts/lib/http-client';
import { ownerPool, type Sql } from './db';
import { ensureIngestBuild } from './ingest';
import type { TOptions } from './options';
import { followerCatchUp, measureCounterReads, measureRollupLag, type TCounterOrg, type TLag, type TReadRow } from './scale-counters';
import { measureDisk, type TDisk } from './scale-disk';
import { explainList } from './scale-explain';
import { FILTER_P50_TARGET_MS, measureFilters, type TFilterRow } from './scale-filters';
import { seedDetections, type TSeedOrg, type TSeedResult } from './scale-seed';
import { startHubServer } from './setup';

// `npm run bench -- --scale`: does a counter or a filter cost more at a
// merchant's volume? Its own database (DATABASE_URL's, dropped and created
// again, or a fresh embedded one), the production server, three orgs made over
// HTTP (big, other, small), then the big org's volume written straight into
// SQL, and every read timed over HTTP on the big org against the small one.

export type TScaleResources = { server?: ChildProcess; sql?: Sql; db?: PreparedDatabase };

export type TScaleResult = {
  build: { buildId: string; builtAt: string; distDir: string };
  embedded: boolean;
  volume: { bigToday: number; bigOlder: number; other: number; small: number };
  seed: TSeedResult;
  followerCatchUpSeconds: number;
  vacuumAnalyzeSeconds: number;
  counters: TReadRow[];
  filters: TFilterRow[];
  explains: { name: string; plan: string }[];
  lag: TLag;
  disk: TDisk;
};

const PASSWORD = 'bench-correct-horse-battery';
const SMALL_ROWS = 1_000;

/**
 * SECURITY of the data, not of the app: the run drops the database it is given.
 * Only a database whose name says it is a bench's may be dropped.
 */
export async function recreateDatabase(url: string, progress: (m: string) => void): Promise<void> {
  const name = databaseOf(url);
  if (!/scale|bench/i.test(name)) {
    throw new Error(`--scale drops and creates the database again: DATABASE_URL names "${name}"; use a database whose name contains "scale" or "bench" (e.g. orylo_scale)`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    progress(`dropping and creating database ${name}`);
    await sql.unsafe(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
    await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}

export async function createOrg(baseUrl: string, sql: Sql, label: string, runId: string): Promise<TCounterOrg & { userId: string }> {
  const session = new OryloSession(baseUrl);
  const slug = `scale-${label}-${runId}`;
  await session.signUp({ email: `${slug}@orylo.test`, password: PASSWORD, name: `Scale ${label}` });
  const org = await session.createOrganization(`Scale ${label}`, slug);
  const key = await session.createApiKey('scale bench');
  const [member] = await sql<{ user_id: string }[]>`select user_id from member where organization_id = ${org.id}`;
  return { label, session, orgId: org.id, apiKey: key.key, userId: member.user_id };
}

export async function runScaleBench(input: { options: TOptions; secret: string; resources: TScaleResources; progress: (m: string) => void }): Promise<TScaleResult> {
  const { options, resources, progress } = input;
  const build = await ensureIngestBuild(progress);
  if (process.env.DATABASE_URL) await recreateDatabase(process.env.DATABASE_URL, progress);
  else progress(`no DATABASE_URL: a fresh embedded PostgreSQL (.data/pg-bench-scale, port ${options.pgPort})`);
  const db = (resources.db = await prepareDatabase({ dataDir: '.data/pg-bench-scale', port: options.pgPort, secret: input.secret, fresh: true }));
  const sql = (resources.sql = ownerPool(db.ownerUrl, 3));

  progress(`starting the production server on 127.0.0.1:${options.port}`);
  resources.server = await startHubServer({ port: options.port, pollIntervalMs: options.pollIntervalMs, ownerUrl: db.ownerUrl, secret: input.secret });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const runId = randomBytes(3).toString('hex');
  const big = await createOrg(baseUrl, sql, 'big', runId);
  const other = await createOrg(baseUrl, sql, 'other', runId);
  const small = await createOrg(baseUrl, sql, 'small', runId);

  const n = options.scaleRows;
  const volume = { bigToday: n, bigOlder: 2 * n, other: n, small: SMALL_ROWS };
  // The other org and the small one have the big one's shape: a third today, the rest in the 30 days before.
  const seedOrgs: TSeedOrg[] = [
    { orgId: big.orgId, label: 'big', today: n, older: 2 * n, reviewerId: big.userId },
    { orgId: other.orgId, label: 'other', today: Math.round(n / 3), older: n - Math.round(n / 3), reviewerId: other.userId },
    { orgId: small.orgId, label: 'small', today: Math.round(SMALL_ROWS / 3), older: SMALL_ROWS - Math.round(SMALL_ROWS / 3), reviewerId: small.userId },
  ];
  progress(`seeding ${(4 * n + SMALL_ROWS).toLocaleString('en-US')} detections straight into SQL (big: ${n.toLocaleString('en-US')} today + ${(2 * n).toLocaleString('en-US')} older; other: ${n.toLocaleString('en-US')}; small: ${SMALL_ROWS})`);
  const seed = await seedDetections(sql, seedOrgs, progress);
  progress(`seeded ${seed.rows.toLocaleString('en-US')} rows in ${seed.seconds} s: ${seed.rowsPerSecond.toLocaleString('en-US')} rows/s`);
  const followerCatchUpSeconds = await followerCatchUp(sql, progress);
  progress(`the rollup follower caught up ${followerCatchUpSeconds} s after the seed ended; VACUUM (ANALYZE)`);
  // The steady state of a table autovacuum keeps: visibility map set, statistics current.
  const vacuumStarted = performance.now();
  await sql.unsafe('vacuum (analyze) detections');
  await sql.unsafe('vacuum (analyze) detection_reason_codes');
  await sql.unsafe('analyze');
  const vacuumAnalyzeSeconds = Math.round((performance.now() - vacuumStarted) / 100) / 10;

  const bigOrg = { ...big, label: 'big' };
  const smallOrg = { ...small, label: 'small' };
  // The list first: the counters' ingest must not add rows (or a reason code) before the filters are timed.
  const filters = await measureFilters({ big: big.session, small: small.session, progress });
  const explains: TScaleResult['explains'] = [];
  for (const f of filters.filter((r) => r.big.p50 >= FILTER_P50_TARGET_MS)) {
    progress(`EXPLAIN (ANALYZE, BUFFERS): ${f.name}`);
    explains.push({ name: f.name, plan: await explainList({ ownerUrl: db.ownerUrl, orgId: big.orgId, params: f.params }) });
  }
  const counters = await measureCounterReads({ baseUrl, orgs: [bigOrg, smallOrg], sql, samples: 30, progress });
  const lagSeconds = options.quick ? 10 : 30;
  progress(`rollup lag: ingest at 50/s for ${lagSeconds} s on the big org`);
  const lag = await measureRollupLag({ baseUrl, org: bigOrg, sql, ratePerSecond: 50, seconds: lagSeconds });
  const disk = await measureDisk(sql);
  return { build, embedded: db.embedded, volume, seed, followerCatchUpSeconds, vacuumAnalyzeSeconds, counters, filters, explains, lag, disk };
}
