import { processState } from '@/lib/process-state';
import http from 'node:http';
import https from 'node:https';
import type { TrafficRecorder } from './recorder';
import type { TTaggedBody } from './scenarios';

// Sends ingest requests open loop: the schedule is set by the clock (request i
// at i ÷ rate seconds), not by how fast the server answers, so a slow server
// shows up as latency instead of quietly lowering the load. At most
// `maxInFlight` requests wait at once; a request due beyond that is skipped
// and counted (then the client, not the server, is the bottleneck).

export type TIngestTarget = { baseUrl: string; apiKey: string };

export type TOpenLoopOptions = {
  target: TIngestTarget;
  ratePerSecond: number;
  durationSeconds: number;
  /** Body of the i-th request, tagged with its scenario. */
  next: (i: number) => TTaggedBody;
  recorder: TrafficRecorder;
  maxInFlight?: number;
  /** Stop after this many requests (a burst), even before the duration ends. */
  maxCount?: number;
  signal?: AbortSignal;
  /** Called about once a second while sending. */
  onTick?: (elapsedSeconds: number) => void;
};

const REQUEST_TIMEOUT_MS = 30_000;
// One set per process (lib/process-state.ts), like every piece of mutable module state.
const agents = processState('simulate.agents', () => new Map<string, http.Agent>());

/** One keep-alive agent per origin: a new TCP connection per request would be measured as latency. */
function agentFor(url: URL, maxSockets: number): http.Agent {
  let agent = agents.get(url.origin);
  if (!agent) {
    agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets }) : new http.Agent({ keepAlive: true, maxSockets });
    agents.set(url.origin, agent);
  }
  return agent;
}

export type TIngestAnswer = { status: number | string; decision?: string; reasons?: string[] };

/**
 * POST /api/v1/transactions; resolves (never rejects) with the status or the
 * network error's code, the decision and its reason codes. A request that
 * failed on a kept-alive socket the server had just closed (ECONNRESET before
 * any answer: the server's idle timeout and our reuse crossed) is sent once
 * more on a fresh socket, as Node's documentation advises: it never reached
 * the server, and ingest is idempotent by externalId anyway.
 */
export async function postIngest(target: TIngestTarget, body: string, maxSockets = 256): Promise<TIngestAnswer> {
  const first = await postIngestOnce(target, body, maxSockets);
  return first.staleSocket ? postIngestOnce(target, body, maxSockets) : first;
}

function postIngestOnce(target: TIngestTarget, body: string, maxSockets: number): Promise<TIngestAnswer & { staleSocket?: boolean }> {
  const url = new URL('/api/v1/transactions', target.baseUrl);
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: agentFor(url, maxSockets),
        timeout: REQUEST_TIMEOUT_MS,
        headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let detection: { decision?: string; reasons?: { code?: string }[] } | undefined;
          try {
            detection = JSON.parse(text)?.detection;
          } catch {
            /* not JSON: the status says enough */
          }
          const reasons = Array.isArray(detection?.reasons) ? detection.reasons.map((r) => String(r?.code)) : undefined;
          resolve({ status: res.statusCode ?? 0, decision: detection?.decision, reasons });
        });
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? 'error' }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? 'error', staleSocket: req.reusedSocket && err.code === 'ECONNRESET' }));
    req.end(body);
  });
}

/** Resolves after `ms`, or at once when the signal aborts (and leaves no listener behind either way). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs the schedule, then waits (at most 30 s) for the answers still in flight. */
export async function runOpenLoop(options: TOpenLoopOptions): Promise<void> {
  const { recorder, ratePerSecond, signal } = options;
  const maxInFlight = options.maxInFlight ?? 128;
  const maxCount = options.maxCount ?? Infinity;
  const durationMs = options.durationSeconds * 1000;
  const pending = new Set<Promise<void>>();

  const fire = (i: number) => {
    if (pending.size >= maxInFlight) return void recorder.skipped++;
    const { scenario, body } = options.next(i);
    const text = JSON.stringify(body);
    recorder.sent(scenario);
    const sentAt = performance.now();
    const p = postIngest(options.target, text, maxInFlight).then((answer) => recorder.answered(scenario, answer, performance.now() - sentAt, sentAt));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const start = performance.now();
  recorder.start(start);
  let due = 0;
  let lastTick = 0;
  while (!signal?.aborted && due < maxCount) {
    const elapsed = performance.now() - start;
    if (elapsed >= durationMs) break;
    // Request i is due at i ÷ rate: fire everything due by now (after a timer's lateness, a few at once).
    const wanted = Math.min(maxCount, Math.floor((elapsed / 1000) * ratePerSecond) + 1);
    while (due < wanted) fire(due++);
    if (options.onTick && elapsed - lastTick >= 1000) {
      lastTick = elapsed;
      options.onTick(elapsed / 1000);
    }
    const nextAt = (due / ratePerSecond) * 1000;
    // At most a second: a slow rate still ticks.
    await sleep(Math.min(1000, Math.max(1, Math.min(nextAt, durationMs) - (performance.now() - start))), signal);
  }
  const deadline = performance.now() + REQUEST_TIMEOUT_MS;
  while (pending.size > 0 && performance.now() < deadline) await Promise.race([sleep(100), ...pending]);
  recorder.stop();
}
