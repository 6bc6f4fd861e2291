import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const SERVER = path.join(process.cwd(), 'scripts', 'server.ts');
const NEXT_BIN = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

/** `next build` of the production bundle; resolves with its exit code. */
export function runNextBuild(options: { quiet?: boolean } = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
      stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Plain `next start`, without the lean SSE handler: the App Router serves /api/v1/events (serverless-like). */
export function spawnPlainNext(options: { port: number; env: Record<string, string>; quiet?: boolean }): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(options.port), '-H', '127.0.0.1'], {
    env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env, NODE_ENV: 'production', ...options.env },
    stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
}

/** Starts scripts/server.ts: Next.js plus the lean SSE handler, in dev or production mode. */
export function spawnNext(mode: 'dev' | 'start', options: { port: number; env: Record<string, string>; quiet?: boolean; hostname?: string }): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      ...process.env,
      ...(mode === 'start' ? { NODE_ENV: 'production' } : {}),
      ...options.env,
      ORYLO_SERVER_MODE: mode,
      PORT: String(options.port),
      ORYLO_HOSTNAME: options.hostname ?? '',
    },
    stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
}

export async function waitForHealthy(baseUrl: string, options: { timeoutMs: number; child?: ChildProcess }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (options.child && options.child.exitCode !== null) {
      throw new Error(`the Next.js server exited with code ${options.child.exitCode}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
      lastError = `status ${res.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server at ${baseUrl} did not become healthy in ${options.timeoutMs} ms (${lastError})`);
}

/** Stops a child politely, then firmly. */
export async function stopChild(child: ChildProcess | undefined, timeoutMs = 5_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
