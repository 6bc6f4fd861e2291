import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type {
  TChildNotice,
  TChildReply,
  TCheckResult,
  TExpectedOrg,
  TOpenResult,
  TParentRequest,
  TStatusResult,
  TVerifyResult,
} from './protocol';

/**
 * The bench's handle on the stream-client process: starts it with
 * `node --import tsx`, sends requests over IPC and awaits the answers, each
 * with a time limit.
 */
export class ClientLink {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private exitError: Error | undefined;

  private constructor(readonly child: ChildProcess, private onProgress: (connected: number, failed: number) => void) {
    child.on('message', (message: TChildReply | TChildNotice) => {
      if ('notice' in message) {
        if (message.notice === 'progress') this.onProgress(message.connected, message.failed);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`stream client: ${message.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exitError = new Error(`the stream client process exited (code ${code}, signal ${signal})`);
      for (const waiter of this.pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(this.exitError);
      }
      this.pending.clear();
    });
  }

  static async start(options: { onProgress: (connected: number, failed: number) => void }): Promise<ClientLink> {
    const entry = path.join(process.cwd(), 'scripts', 'bench', 'clients.ts');
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', entry], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const link = new ClientLink(child, options.onProgress);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the stream client process did not start within 30 s')), 30_000);
      child.on('message', (m: TChildNotice) => {
        if ('notice' in m && m.notice === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error('the stream client process exited while starting'));
      });
    });
    return link;
  }

  private request<T>(message: TParentRequest, timeoutMs: number): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the stream client did not answer "${message.op}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.child.send({ ...message, id });
    });
  }

  init(host: string, port: number, cookies: string[]) {
    return this.request<{ ok: true }>({ op: 'init', host, port, cookies }, 10_000);
  }
  /** Opens `count` more streams, spread round-robin over the orgs. */
  open(count: number, options: { concurrency: number; timeoutMs: number }) {
    const limit = options.timeoutMs * Math.ceil(count / Math.max(1, options.concurrency)) + 60_000;
    return this.request<TOpenResult>({ op: 'open', count, ...options }, Math.min(limit, 30 * 60_000));
  }
  status() {
    return this.request<TStatusResult>({ op: 'status' }, 30_000);
  }
  reset() {
    return this.request<{ ok: true }>({ op: 'reset' }, 30_000);
  }
  check(expected: { org: number; ids: string[] }[]) {
    return this.request<TCheckResult>({ op: 'check', expected }, 60_000);
  }
  verify(expected: TExpectedOrg[]) {
    return this.request<TVerifyResult>({ op: 'verify', expected }, 120_000);
  }
  closeAll() {
    return this.request<{ closed: number }>({ op: 'closeAll' }, 60_000);
  }
}
