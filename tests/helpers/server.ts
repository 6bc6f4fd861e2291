import type { ChildProcess } from 'node:child_process';
import { spawnNext, spawnPlainNext, stopChild, waitForHealthy } from '@/scripts/lib/next-process';
import { freePort } from './tcp-proxy';

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
