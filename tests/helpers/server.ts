import type { ChildProcess } from 'node:child_process';
import { spawnNext, spawnPlainNext, stopChild, waitForHealthy } from '@/scripts/lib/next-process';
import { freePort, startTcpProxy } from './tcp-proxy';

/**
 * Another production server on the same build and database as the main test
 * server, with its own settings (limits, Redis, a cuttable database link…).
 */
export async function startExtraServer(
  env: Record<string, string>,
  options: { plainNext?: boolean } = {},
): Promise<{ url: string; stop: () => Promise<void>; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const settings = {
    port,
    quiet: !process.env.EXTRA_SERVER_LOG,
    env: { BETTER_AUTH_URL: url, LOG_LEVEL: process.env.EXTRA_SERVER_LOG ?? 'fatal', ...env },
  };
  const child = options.plainNext ? spawnPlainNext(settings) : spawnNext('start', { ...settings, hostname: '127.0.0.1' });
  await waitForHealthy(url, { timeoutMs: 30_000, child });
  return { url, child, stop: () => stopChild(child) };
}

/** An extra server whose database link runs through a TCP proxy the test can cut (and count). */
export async function startServerBehindDbProxy(env: Record<string, string> = {}): Promise<{
  proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  server: { url: string; stop: () => Promise<void>; child: ChildProcess };
}> {
  const db = new URL(process.env.DATABASE_URL!);
  const proxy = await startTcpProxy({ host: db.hostname, port: Number(db.port || 5432) });
  db.hostname = '127.0.0.1';
  db.port = String(proxy.port);
  // No rollup follower on it: the tests count what the server reads through the proxy.
  const server = await startExtraServer({ DATABASE_URL: db.toString(), ORYLO_BACKGROUND_JOBS: '0', ...env });
  return { proxy, server };
}
