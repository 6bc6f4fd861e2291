import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runNextBuild } from '@/scripts/lib/next-process';
import { OryloSession } from '@/scripts/lib/http-client';
import { spawnNext, waitForHealthy } from '@/scripts/lib/next-process';
import type { TBenchOrg } from './load';
import { sleep } from './stats';
import { serverDatabaseEnv } from '@/scripts/lib/database';

// Getting the stage ready: a production build, a free port, the server with
// the bench's environment, and the organizations (made over HTTP like a person).

export const ADMIN_EMAIL = 'bench-admin@orylo.test';
const PASSWORD = 'bench-correct-horse-battery';

function nextBuildRunning(): boolean {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a.endsWith('next') || a.includes('next/dist/bin/next')) && cmd.includes('build')) return true;
    } catch {
      /* gone */
    }
  }
  return false;
}

/** `.next/BUILD_ID`, building first when there is none (after any build already running). */
export async function ensureBuild(progress: (m: string) => void): Promise<{ buildId: string; builtAt: string }> {
  const file = path.join('.next', 'BUILD_ID');
  for (let i = 0; i < 120 && !fs.existsSync(file) && nextBuildRunning(); i++) {
    if (i === 0) progress('waiting for the `next build` already running');
    await sleep(5_000);
  }
  if (!fs.existsSync(file)) {
    progress('no production build: running `next build`');
    const code = await runNextBuild({ quiet: true });
    if (code !== 0 || !fs.existsSync(file)) throw new Error('`next build` failed');
  }
  return { buildId: fs.readFileSync(file, 'utf8').trim(), builtAt: fs.statSync(file).mtime.toISOString() };
}

/** Refuses to start when something already answers on the port (we would measure it instead). */
export async function assertPortFree(port: number): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (inUse) throw new Error(`port ${port} is already in use on 127.0.0.1: stop what listens there or pass --port`);
}

export type TServerOptions = {
  port: number;
  ownerUrl: string;
  secret: string;
  strategy: string;
  pollIntervalMs: number;
  metricsToken: string;
  /** `dev`: `next dev` (the browser bench's --dev), compiled on first request; default the production build. */
  mode?: 'start' | 'dev';
};

/** The server of a bench mode that measures one thing (ingest, browser, scale): the hub strategy, the run's poll interval, a throwaway metrics token. */
export function startHubServer(input: { port: number; pollIntervalMs: number; ownerUrl: string; secret: string; mode?: 'start' | 'dev' }): Promise<ChildProcess> {
  return startServer({ ...input, strategy: 'hub', metricsToken: randomBytes(24).toString('base64url') });
}

export async function startServer(options: TServerOptions): Promise<ChildProcess> {
  await assertPortFree(options.port);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const limit = '100000';
  const mode = options.mode ?? 'start';
  const child = spawnNext(mode, {
    port: options.port,
    quiet: true,
    hostname: '127.0.0.1',
    env: {
      NODE_ENV: mode === 'dev' ? 'development' : 'production',
      ...serverDatabaseEnv(options.ownerUrl, options.secret),
      BETTER_AUTH_SECRET: options.secret,
      BETTER_AUTH_URL: baseUrl,
      ADMIN_EMAILS: ADMIN_EMAIL,
      AUTH_RATE_LIMIT: '0',
      REALTIME_STRATEGY: options.strategy,
      REALTIME_POLL_INTERVAL_MS: String(options.pollIntervalMs),
      REALTIME_HEARTBEAT_MS: '30000',
      REALTIME_MAX_STREAMS_PER_USER: limit,
      REALTIME_MAX_STREAMS_PER_IP: limit,
      REALTIME_MAX_STREAMS_PER_ORG: limit,
      REALTIME_MAX_CONNECTIONS: limit,
      REALTIME_CONNECTS_PER_MINUTE: '1000000',
      METRICS_TOKEN: options.metricsToken,
      LOG_LEVEL: 'warn',
      LOG_PRETTY: '0',
      // --expose-gc: memory is sampled after a full collection (SIGUSR2, see
      // scripts/server.ts). Extra flags for profiling, e.g. '--heapsnapshot-near-heap-limit=1'.
      NODE_OPTIONS: ['--expose-gc', process.env.BENCH_SERVER_NODE_OPTIONS ?? ''].join(' ').trim(),
    },
  });
  await waitForHealthy(baseUrl, { timeoutMs: mode === 'dev' ? 240_000 : 120_000, child });
  return child;
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * `count` organizations, each with one user (its session cookie) and one API
 * key, through the public API. The last `pollOnly` get no API writes (their
 * rows only come by the timer poll).
 */
export async function createOrgs(baseUrl: string, runId: string, count: number, pollOnly: number): Promise<TBenchOrg[]> {
  return mapLimited(
    Array.from({ length: count }, (_, i) => i),
    4,
    async (index) => {
      const session = new OryloSession(baseUrl);
      const label = `bench-${runId}-${index.toString(36)}`;
      await session.signUp({ email: `${label}@orylo.test`, password: PASSWORD, name: `Bench ${index}` });
      const org = await session.createOrganization(`Bench org ${index}`, label);
      const key = await session.createApiKey('bench');
      return { index, orgId: org.id, cookie: session.cookieHeader, apiKey: key.key, pollOnly: index >= count - pollOnly };
    },
  );
}

/** The platform admin that reads /api/admin/metrics (ADMIN_EMAILS gives it the role at sign-up). */
export async function createAdmin(baseUrl: string): Promise<OryloSession> {
  const admin = new OryloSession(baseUrl);
  await admin.signUp({ email: ADMIN_EMAIL, password: PASSWORD, name: 'Bench admin' }).catch(() => admin.signIn({ email: ADMIN_EMAIL, password: PASSWORD }));
  return admin;
}

/** Signs the admin in again on a new server (the session row survives; this only refreshes the cookie jar). */
export async function ensureAdmin(admin: OryloSession): Promise<void> {
  const res = await admin.fetch('/api/admin/metrics').catch(() => null);
  if (res?.ok) return;
  await admin.signIn({ email: ADMIN_EMAIL, password: PASSWORD }).catch(() => {});
}
