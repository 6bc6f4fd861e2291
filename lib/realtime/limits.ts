import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { processState } from '@/lib/process-state';
import { realtimeMetrics } from './metrics';
import { acquireSharedSlot } from './shared-limits';

// Caps on open streams (per user, per IP, per org, per instance) and on new
// connections per minute (per user and per IP). Counted in this process; a
// slot is released exactly once when its stream ends, however it ends.

type State = { open: Map<string, number>; total: number; windows: Map<string, { start: number; count: number }> };
const state = processState<State>('realtime.limits', () => ({ open: new Map(), total: 0, windows: new Map() }));

const WINDOW_MS = 60_000;
/** A slot usually frees within seconds (a tab closes, a stream resumes elsewhere). */
const CONCURRENCY_RETRY_S = 10;

function reject(reason: string, error: AppError): never {
  realtimeMetrics.rejected(reason);
  throw error;
}

function countConnect(key: string, limit: number, now: number): number | null {
  let w = state.windows.get(key);
  if (!w || now - w.start >= WINDOW_MS) {
    w = { start: now, count: 0 };
    state.windows.set(key, w);
  }
  if (w.count >= limit) return Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
  w.count++;
  return null;
}

function pruneWindows(now: number) {
  if (state.windows.size < 10_000) return;
  for (const [key, w] of state.windows) if (now - w.start >= WINDOW_MS) state.windows.delete(key);
}

/** Takes a stream slot or throws 429/503 with Retry-After. Returns the release function (idempotent). */
export function acquireLocalStreamSlot(keys: { userId: string; ip: string; orgId: string }): () => void {
  const e = env();
  const now = Date.now();
  if (state.total >= e.REALTIME_MAX_CONNECTIONS) {
    reject('instance_capacity', new AppError('unavailable', 'This server is at its live-connection capacity. Retry shortly.', { retryAfter: 5 }));
  }
  const caps: [string, number, string, string][] = [
    [`user:${keys.userId}`, e.REALTIME_MAX_STREAMS_PER_USER, 'user_streams', `You already have ${e.REALTIME_MAX_STREAMS_PER_USER} live streams open. Close some tabs.`],
    [`ip:${keys.ip}`, e.REALTIME_MAX_STREAMS_PER_IP, 'ip_streams', `Too many live streams from your address (limit ${e.REALTIME_MAX_STREAMS_PER_IP}).`],
    [`org:${keys.orgId}`, e.REALTIME_MAX_STREAMS_PER_ORG, 'org_streams', `Your organization has ${e.REALTIME_MAX_STREAMS_PER_ORG} live streams open, its limit.`],
  ];
  for (const [key, limit, reason, message] of caps) {
    if ((state.open.get(key) ?? 0) >= limit) reject(reason, new AppError('rate_limited', message, { retryAfter: CONCURRENCY_RETRY_S }));
  }
  pruneWindows(now);
  for (const [key, reason] of [[`connect:user:${keys.userId}`, 'user_connect_rate'], [`connect:ip:${keys.ip}`, 'ip_connect_rate']] as const) {
    const retryAfter = countConnect(key, e.REALTIME_CONNECTS_PER_MINUTE, now);
    if (retryAfter !== null) {
      reject(reason, new AppError('rate_limited', `Too many new live connections (limit ${e.REALTIME_CONNECTS_PER_MINUTE} a minute). Retry in ${retryAfter} s.`, { retryAfter }));
    }
  }

  for (const [key] of caps) state.open.set(key, (state.open.get(key) ?? 0) + 1);
  state.total++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    state.total--;
    for (const [key] of caps) {
      const n = (state.open.get(key) ?? 1) - 1;
      if (n <= 0) state.open.delete(key);
      else state.open.set(key, n);
    }
  };
}

/**
 * The local caps, then (with REDIS_URL) the per-user and per-org caps shared
 * by all instances. Returns one release for both (idempotent).
 */
export async function acquireStreamSlot(keys: { userId: string; ip: string; orgId: string }): Promise<() => void> {
  const releaseLocal = acquireLocalStreamSlot(keys);
  const e = env();
  let shared;
  try {
    shared = await acquireSharedSlot(keys, { user: e.REALTIME_MAX_STREAMS_PER_USER, org: e.REALTIME_MAX_STREAMS_PER_ORG });
  } catch (error) {
    releaseLocal();
    throw error;
  }
  if (shared.refused) {
    releaseLocal();
    const [reason, message] =
      shared.refused === 'user'
        ? ['user_streams', `You already have ${e.REALTIME_MAX_STREAMS_PER_USER} live streams open. Close some tabs.`]
        : ['org_streams', `Your organization has ${e.REALTIME_MAX_STREAMS_PER_ORG} live streams open, its limit.`];
    reject(reason, new AppError('rate_limited', message, { retryAfter: CONCURRENCY_RETRY_S }));
  }
  return () => {
    releaseLocal();
    shared.release();
  };
}

export function openStreamCount(): number {
  return state.total;
}

/** Users with the most open streams on this instance (admin metrics: a browser whose tabs share one stream shows 1). */
export function topStreamUsers(limit = 10): { userId: string; streams: number }[] {
  const users: { userId: string; streams: number }[] = [];
  for (const [key, streams] of state.open) if (key.startsWith('user:') && streams > 0) users.push({ userId: key.slice(5), streams });
  return users.sort((a, b) => b.streams - a.streams).slice(0, limit);
}
