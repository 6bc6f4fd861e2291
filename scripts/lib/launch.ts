import type { ChildProcess } from 'node:child_process';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { runTraffic } from '@/lib/simulate/traffic';
import { prepareDatabase, serverDatabaseEnv } from './database';
import { DEMO_USER, ensureDemo } from './demo';
import { spawnNext, stopChild, waitForHealthy } from './next-process';

/**
 * What `npm run dev` and `npm start` share: database (embedded unless
 * DATABASE_URL), migrations, the Next.js server, optional demo data and
 * traffic, and a clean stop of all of it on Ctrl-C or SIGTERM.
 */
export async function launch(options: { mode: 'dev' | 'start'; secret: string; demo: boolean }) {
  const log = logger();
  const e = env();
  const dataDir = e.ORYLO_DATA_DIR;
  const traffic = new AbortController();
  let child: ChildProcess | undefined;
  let stopDatabase = async () => {};
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    traffic.abort();
    await stopChild(child);
    await stopDatabase();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // If whoever started us dies without passing the signal on (npm does not
  // always), stop too rather than leave a server and a database behind.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown(0);
  }, 1_000).unref();

  try {
    const db = await prepareDatabase({ dataDir: `${dataDir}/pg`, port: e.EMBEDDED_PG_PORT, secret: options.secret });
    stopDatabase = db.stop;
    const baseUrl = `http://localhost:${e.PORT}`;
    child = spawnNext(options.mode, {
      port: e.PORT,
      env: {
        ...serverDatabaseEnv(db.ownerUrl, options.secret),
        BETTER_AUTH_SECRET: options.secret,
        BETTER_AUTH_URL: e.BETTER_AUTH_URL ?? baseUrl,
        // With demo data, the sign-in page offers its account (never set by a plain `npm start`).
        ...(options.demo ? { ORYLO_DEMO_ACCOUNT: `${DEMO_USER.email} ${DEMO_USER.password}` } : {}),
      },
    });
    child.on('exit', (code) => {
      if (!stopping) {
        log.error({ code }, 'the Next.js server exited');
        void shutdown(code ?? 1);
      }
    });
    await waitForHealthy(baseUrl, { timeoutMs: 180_000, child });
    log.info(`Orylo is running at ${baseUrl}`);

    if (options.demo) {
      const demo = await ensureDemo(baseUrl, dataDir);
      log.info(`Demo sign-in: ${demo.email} / ${demo.password}  →  ${baseUrl}/sign-in`);
      // Gentle live traffic, with a short card-testing burst 40 s in and then
      // every two minutes, so a newcomer soon sees REVIEW and BLOCK too.
      void (async () => {
        while (!traffic.signal.aborted) {
          await runTraffic({
            baseUrl,
            apiKey: demo.apiKey,
            ratePerSecond: 0.25,
            durationSeconds: 120,
            burst: { afterSeconds: 40, count: 12 },
            outcomes: true,
            signal: traffic.signal,
          });
        }
      })();
      log.info('demo traffic is flowing (ORYLO_DEMO=0 turns it off)');
    }
  } catch (error) {
    log.error({ err: error }, (error as Error).message);
    await shutdown(1);
  }
}
