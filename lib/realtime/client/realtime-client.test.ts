import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { fetchPoll } from './fetch-poll';
import { createRealtimeClient, type TRealtimeClientOptions } from './realtime-client';
import { RealtimeHttpError, type TEnvironment, type TPollPage, type TRealtimeState, type TTransportHandlers } from './types';

// The client's state machine against a fake transport and fake timers: every
// timing below is the client's own, not the network's.

type TOpened = { url: string; handlers: TTransportHandlers; closed: boolean };

function fakeTransport() {
  const opened: TOpened[] = [];
  return {
    opened,
    transport: {
      open(url: string, handlers: TTransportHandlers) {
        const entry = { url, handlers, closed: false };
        opened.push(entry);
        return () => {
          entry.closed = true;
        };
      },
    },
    last: () => opened[opened.length - 1],
    /** An event as the server frames it: the fields the protocol requires are filled in. */
    send(payload: { type: string } & Record<string, unknown>, id?: string) {
      const required = payload.type === 'connected' ? { orgId: 'org-1', heartbeatMs: 30_000 } : {};
      const event = { timestamp: new Date().toISOString(), ...required, ...payload };
      opened[opened.length - 1].handlers.onMessage({ data: JSON.stringify(event), id });
    },
    fail(failure: { status?: number; retryAfterMs?: number; reason?: string } = {}) {
      opened[opened.length - 1].handlers.onFailure({ reason: 'test', ...failure });
    },
  };
}

function fakeEnvironment() {
  const listeners = new Set<() => void>();
  const env = { online: true, hidden: false };
  const environment: TEnvironment = {
    isOnline: () => env.online,
    isHidden: () => env.hidden,
    onChange: (cb) => (listeners.add(cb), () => listeners.delete(cb)),
  };
  const set = (change: Partial<typeof env>) => {
    Object.assign(env, change);
    for (const cb of listeners) cb();
  };
  return { environment, set };
}

const detection = (id: string, decision: TDetection['decision'] = 'ALLOW') => makeDetection({ id, decision });

function setup(overrides: Partial<TRealtimeClientOptions> = {}) {
  const t = fakeTransport();
  const e = fakeEnvironment();
  const poll = vi.fn<(cursor: string) => Promise<TPollPage>>(async (cursor) => ({ detections: [], cursor, hasMore: false }));
  const client = createRealtimeClient({ transport: t.transport, poll, cursor: '10-1', environment: e.environment, random: () => 0.5, ...overrides });
  const states: TRealtimeState[] = [client.getState()];
  client.subscribe('state', (s) => states.push(s));
  const received: string[] = [];
  client.subscribe('new_detections', (rows) => received.push(...rows.map((d) => d.id)));
  return { t, e, poll, client, states, received };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('realtime client', () => {
  it('goes connecting → live, delivers batches once and keeps the cursor', () => {
    const { t, client, states, received } = setup();
    expect(t.last().url).toBe('/api/v1/events?lastEventId=10-1');
    t.send({ type: 'connected' }, '10-1');
    expect(client.getState()).toBe('live');
    t.send({ type: 'new_detections', data: [detection('a'), detection('b')] }, '11-2');
    t.send({ type: 'new_detections', data: [detection('b'), detection('c')] }, '11-3');
    expect(received).toEqual(['a', 'b', 'c']);
    expect(client.getStats().cursor).toBe('11-3');
    expect(states).toEqual(['connecting', 'live']);
    client.stop();
  });

  it('backs off 1 s, 2 s, 4 s … capped at 30 s, resuming from the last cursor each time', () => {
    const { t, client } = setup({ config: { fallbackAfter: 100 } });
    t.send({ type: 'connected' }, '10-1');
    t.send({ type: 'new_detections', data: [detection('a')] }, '12-7');
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      t.fail();
      const before = Date.now();
      const opens = t.opened.length;
      vi.advanceTimersByTime(client.getStats().nextRetryAt! - before - 1);
      expect(t.opened.length).toBe(opens);
      vi.advanceTimersByTime(1);
      expect(t.opened.length).toBe(opens + 1);
      delays.push(Date.now() - before);
      expect(client.getState()).toBe('reconnecting');
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(t.opened.every((o, i) => i === 0 || o.url.endsWith('lastEventId=12-7'))).toBe(true);
    client.stop();
  });

  it('jitters the delay by ±20 %', () => {
    const low = setup({ random: () => 0 });
    low.t.fail();
    expect(low.client.getStats().nextRetryAt! - Date.now()).toBe(800);
    const high = setup({ random: () => 1 });
    high.t.fail();
    expect(high.client.getStats().nextRetryAt! - Date.now()).toBe(1_200);
    low.client.stop();
    high.client.stop();
  });

  it('treats 60 s without any event as a dead connection; heartbeats keep it alive', () => {
    const { t, client } = setup();
    t.send({ type: 'connected' }, '10-1');
    vi.advanceTimersByTime(59_000);
    t.send({ type: 'heartbeat' });
    vi.advanceTimersByTime(59_000);
    expect(t.opened.length).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(t.last().closed).toBe(true);
    expect(client.getStats().lastFailure).toBe('silent_for_too_long');
    expect(client.getState()).toBe('reconnecting');
    vi.advanceTimersByTime(1_000);
    expect(t.opened.length).toBe(2);
    client.stop();
  });

  it('takes its dead-connection timeout from the heartbeat interval the server announces (90 s: no reconnect loop)', () => {
    const { t, client } = setup();
    t.send({ type: 'connected', heartbeatMs: 90_000 }, '10-1');
    // Five minutes of a healthy stream that beats every 90 s: the default 60 s would reconnect each time.
    for (let beat = 0; beat < 4; beat++) {
      vi.advanceTimersByTime(90_000);
      t.send({ type: 'heartbeat' });
    }
    expect(t.opened.length).toBe(1);
    expect(client.getState()).toBe('live');
    // Two missed heartbeats (180 s of silence) still mean a dead connection.
    vi.advanceTimersByTime(179_000);
    expect(t.last().closed).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(client.getStats().lastFailure).toBe('silent_for_too_long');
    client.stop();
  });

  it('ignores messages that are not events of the protocol', () => {
    const { t, client, received } = setup();
    t.send({ type: 'connected' }, '10-1');
    t.send({ type: 'new_detections', data: [{ id: 'x' }] }, '11-1');
    t.send({ type: 'no_such_event' }, '11-2');
    t.last().handlers.onMessage({ data: 'not json', id: '11-3' });
    expect(received).toEqual([]);
    expect(client.getStats().cursor).toBe('10-1');
    client.stop();
  });

  it('after 3 failed streams polls ?after= from the cursor, then returns to live', async () => {
    const { t, poll, client, received } = setup();
    poll.mockImplementation(async (cursor) => ({ detections: cursor === '10-1' ? [detection('p1')] : [], cursor: '13-1', hasMore: false }));
    t.fail(); // 1
    await vi.advanceTimersByTimeAsync(1_000);
    t.fail(); // 2
    await vi.advanceTimersByTimeAsync(2_000);
    expect(client.getState()).toBe('reconnecting');
    t.fail(); // 3: polling takes over
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getState()).toBe('polling');
    expect(poll).toHaveBeenCalledWith('10-1');
    expect(received).toEqual(['p1']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(poll).toHaveBeenLastCalledWith('13-1');
    // The stream is retried in the background (4 s after the third failure) from the polled cursor.
    expect(t.last().url).toBe('/api/v1/events?lastEventId=13-1');
    t.send({ type: 'connected' }, '13-1');
    expect(client.getState()).toBe('live');
    const polls = poll.mock.calls.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(poll.mock.calls.length).toBe(polls);
    client.stop();
  });

  it('counts short-lived streams as failures, and a healthy one resets the count', async () => {
    const { t, client } = setup();
    for (let i = 0; i < 2; i++) {
      t.send({ type: 'connected' }, '10-1');
      vi.advanceTimersByTime(5_000);
      t.fail({ reason: 'stream_ended' });
      await vi.advanceTimersByTimeAsync(client.getStats().nextRetryAt! - Date.now());
    }
    expect(client.getStats().failures).toBe(2);
    t.send({ type: 'connected' }, '10-1');
    vi.advanceTimersByTime(31_000);
    expect(client.getStats().failures).toBe(0);
    t.fail({ reason: 'stream_ended' });
    expect(client.getStats().failures).toBe(1);
    expect(client.getState()).toBe('reconnecting');
    client.stop();
  });

  it('counts a response that never sends `connected` (a buffering proxy) as failed', () => {
    const { t, client } = setup();
    vi.advanceTimersByTime(15_000);
    expect(t.last().closed).toBe(true);
    expect(client.getStats().lastFailure).toBe('no_connected_event');
    client.stop();
  });

  it('waits Retry-After on 429 and 503', () => {
    const { t, client } = setup();
    t.fail({ status: 429, retryAfterMs: 7_000 });
    vi.advanceTimersByTime(6_999);
    expect(t.opened.length).toBe(1);
    vi.advanceTimersByTime(1);
    expect(t.opened.length).toBe(2);
    t.fail({ status: 503, retryAfterMs: 3_000 });
    vi.advanceTimersByTime(3_000);
    expect(t.opened.length).toBe(3);
    client.stop();
  });

  it('stops and reports 401 and 403', () => {
    for (const status of [401, 403] as const) {
      const { t, client } = setup();
      const seen: number[] = [];
      client.subscribe('unauthorized', (s) => seen.push(s));
      t.fail({ status });
      vi.advanceTimersByTime(120_000);
      expect(seen).toEqual([status]);
      expect(t.opened.length).toBe(1);
      expect(client.getState()).toBe('offline');
    }
  });

  it('stops on a 401 from the polling fallback too', async () => {
    const { t, poll, client } = setup({ config: { fallbackAfter: 1 } });
    poll.mockRejectedValue(new RealtimeHttpError(401, 'signed out'));
    const seen: number[] = [];
    client.subscribe('unauthorized', (s) => seen.push(s));
    t.fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([401]);
  });

  it('on `reset` refetches through onReset and resumes from the new cursor', async () => {
    const onReset = vi.fn(async () => '20-1');
    const { t, client } = setup({ onReset });
    const resets: unknown[] = [];
    client.subscribe('reset', (r) => resets.push(r));
    t.send({ type: 'connected' }, '10-1');
    t.send({ type: 'reset' });
    await vi.advanceTimersByTimeAsync(0);
    expect(onReset).toHaveBeenCalledOnce();
    expect(resets).toHaveLength(1);
    expect(t.last().url).toBe('/api/v1/events?lastEventId=20-1');
    client.stop();
  });

  it('lets go of the stream when hidden for long and catches up from the cursor when shown', () => {
    const { t, e, client } = setup({ config: { hiddenPauseMs: 60_000 } });
    t.send({ type: 'connected' }, '10-1');
    t.send({ type: 'new_detections', data: [detection('a')] }, '15-1');
    e.set({ hidden: true });
    vi.advanceTimersByTime(59_000);
    expect(t.last().closed).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(t.last().closed).toBe(true);
    expect(client.getState()).toBe('offline');
    expect(client.getStats().paused).toBe(true);
    e.set({ hidden: false });
    expect(t.opened.length).toBe(2);
    expect(t.last().url).toBe('/api/v1/events?lastEventId=15-1');
    client.stop();
  });

  it('is offline while the browser is, and reconnects at once when it is back', () => {
    const { t, e, client } = setup();
    t.send({ type: 'connected' }, '10-1');
    e.set({ online: false });
    expect(client.getState()).toBe('offline');
    expect(t.last().closed).toBe(true);
    vi.advanceTimersByTime(120_000);
    expect(t.opened.length).toBe(1);
    e.set({ online: true });
    expect(t.opened.length).toBe(2);
    expect(client.getState()).toBe('reconnecting');
    client.stop();
  });

  it('reconnect() opens a new stream at once from the cursor', () => {
    const { t, client } = setup();
    t.send({ type: 'connected' }, '10-1');
    t.send({ type: 'new_detections', data: [detection('a')] }, '16-1');
    client.reconnect();
    expect(t.opened[0].closed).toBe(true);
    expect(t.last().url).toBe('/api/v1/events?lastEventId=16-1');
    client.stop();
  });
});

describe('realtime client, polling through fetchPoll', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('waits the Retry-After of a 503 (the database is down) before polling again', async () => {
    const fetch = vi.fn(async () => Response.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503, headers: { 'Retry-After': '7' } }));
    vi.stubGlobal('fetch', fetch);
    const { t, client } = setup({ poll: fetchPoll, config: { fallbackAfter: 1 } });
    t.fail(); // polling takes over at once
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(client.getState()).toBe('offline');
    // Without Retry-After the next poll would come after 5 s.
    await vi.advanceTimersByTimeAsync(6_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    client.stop();
  });

  it('records what the failing polls met, for the badge: a 5xx or a refused connection', async () => {
    const { t, poll, client } = setup({ config: { fallbackAfter: 1 } });
    poll.mockRejectedValueOnce(new RealtimeHttpError(502, 'bad gateway')).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    t.fail({ reason: 'stream_ended' });
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getStats()).toMatchObject({ state: 'offline', lastFailure: 'http_502' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.getStats().lastFailure).toBe('network_error');
    client.stop();
  });
});
