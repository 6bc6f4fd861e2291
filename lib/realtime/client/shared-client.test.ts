import { describe, expect, it, vi } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { DEFAULT_REALTIME_CONFIG } from './config';
import { createEmitter } from './emitter';
import { createSharedRealtimeClient, type TSharedClientOptions } from './shared-client';
import type { TEnvironment, TRealtimeClient, TRealtimeStats } from './types';

// Tabs are simulated in one process: Node's BroadcastChannel delivers between
// channels of the same name like a browser does between tabs, and a small
// lock manager grants a lock to one waiter at a time like navigator.locks.

function fakeLocks() {
  const queues = new Map<string, Array<() => void>>();
  const held = new Set<string>();
  const next = (name: string) => {
    const waiter = queues.get(name)?.shift();
    if (waiter) waiter();
    else held.delete(name);
  };
  return {
    request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>) {
      return new Promise((resolve, reject) => {
        const run = () => {
          held.add(name);
          void callback().then(resolve, reject).finally(() => next(name));
        };
        if (!held.has(name)) return run();
        const queue = queues.get(name) ?? [];
        queues.set(name, queue);
        queue.push(run);
        options.signal?.addEventListener('abort', () => {
          queue.splice(queue.indexOf(run), 1);
          reject(new Error('AbortError'));
        });
      });
    },
  };
}

function fakeInnerClient(cursor: string | null) {
  const emitter = createEmitter();
  const stats: TRealtimeStats = {
    state: 'live', role: 'leader', cursor, lastEventAt: null, liveSince: 1, pollingSince: null, failures: 0,
    streamsOpened: 1, eventsReceived: 0, detectionsReceived: 0, polls: 0, nextRetryAt: null, lastFailure: null, paused: false,
  };
  const client: TRealtimeClient & { push(rows: TDetection[], cursor: string): void } = {
    subscribe: emitter.subscribe,
    getState: () => stats.state,
    getStats: () => ({ ...stats }),
    reconnect: vi.fn(),
    setUrgent: vi.fn(),
    stop: vi.fn(),
    push(rows, next) {
      stats.cursor = next;
      emitter.emit('new_detections', rows);
    },
  };
  emitter.emit('state', 'live');
  return client;
}

const environment = (hidden = false): TEnvironment & { hidden: boolean } => {
  const env = { hidden, isOnline: () => true, isHidden: () => env.hidden, onChange: () => () => {} };
  return env;
};

const row = (id: string) => ({ id, externalId: id, decision: 'ALLOW', createdAt: '2026-11-22T00:00:00Z' }) as TDetection;
const tick = () => new Promise((r) => setTimeout(r, 20));

function openTabs(count: number, key = `org-${Math.random()}`) {
  const locks = fakeLocks();
  const created: Array<ReturnType<typeof fakeInnerClient> & { startCursor: string | null; env: TEnvironment }> = [];
  const poll = vi.fn<TSharedClientOptions['poll']>(async (cursor) => ({ detections: [], cursor, hasMore: false }));
  const addTab = (i: number, startCursor = '10-1') => {
    const env = environment();
    const received: string[] = [];
    const client = createSharedRealtimeClient({
      key,
      cursor: startCursor,
      environment: env,
      locks,
      poll,
      tabId: `tab-${i}`,
      create: ({ cursor, environment: shared }) => {
        const inner = Object.assign(fakeInnerClient(cursor), { startCursor: cursor, env: shared });
        created.push(inner);
        return inner;
      },
    });
    client.subscribe('new_detections', (rows) => received.push(...rows.map((d) => d.id)));
    return { client, env, received };
  };
  const tabs = Array.from({ length: count }, (_, i) => addTab(i));
  return { tabs, created, poll, addTab };
}

describe('shared realtime client', () => {
  it('holds one stream for three tabs and relays every batch to all of them', async () => {
    const { tabs, created } = openTabs(3);
    await tick();
    expect(created).toHaveLength(1);
    expect(tabs.map((t) => t.client.getStats().role)).toEqual(['leader', 'follower', 'follower']);
    expect(tabs.map((t) => t.client.getState())).toEqual(['live', 'live', 'live']);
    created[0].push([row('a'), row('b')], '11-2');
    await tick();
    expect(tabs.map((t) => t.received)).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b']]);
    for (const t of tabs) t.client.stop();
  });

  it('hands over to another tab from the last relayed cursor when the leader closes', async () => {
    const { tabs, created } = openTabs(3);
    await tick();
    created[0].push([row('a')], '12-5');
    await tick();
    tabs[0].client.stop();
    await tick();
    expect(created).toHaveLength(2);
    expect(created[1].startCursor).toBe('12-5');
    created[1].push([row('b')], '13-1');
    await tick();
    expect(tabs[1].received).toEqual(['a', 'b']);
    expect(tabs[2].received).toEqual(['a', 'b']);
    expect(tabs.slice(1).map((t) => t.client.getStats().role).sort()).toEqual(['follower', 'leader']);
    for (const t of tabs) t.client.stop();
  });

  it('relays the cursor after batches at once after a quiet spell, then at most every 250 ms', async () => {
    const key = `org-${Math.random()}`;
    const { tabs, created } = openTabs(2, key);
    await tick();
    const spy = new BroadcastChannel(`orylo-realtime:${key}`);
    const relayed: string[] = [];
    spy.onmessage = (event: MessageEvent) => void (event.data?.t === 'stats' && relayed.push(event.data.stats.cursor));
    for (let i = 0; i < 10; i++) created[0].push([row(`r${i}`)], `20-${i}`);
    await tick();
    expect(relayed).toEqual(['20-0']);
    await new Promise((r) => setTimeout(r, 300));
    expect(relayed).toEqual(['20-0', '20-9']);
    // Every batch itself went through at once.
    expect(tabs[1].received).toHaveLength(10);
    spy.close();
    for (const t of tabs) t.client.stop();
  });

  it('forwards reconnect() from a follower to the leader', async () => {
    const { tabs, created } = openTabs(2);
    await tick();
    tabs[1].client.reconnect();
    await tick();
    expect(created[0].reconnect).toHaveBeenCalledOnce();
    for (const t of tabs) t.client.stop();
  });

  it('tells the leader the browser is visible while any tab is', async () => {
    const { tabs, created } = openTabs(2);
    await tick();
    tabs[0].env.hidden = true;
    expect(created[0].env.isHidden()).toBe(false);
    tabs[1].env.hidden = true;
    tabs[1].client.stop(); // its 'bye' removes it from the visible tabs
    await tick();
    expect(created[0].env.isHidden()).toBe(true);
    tabs[0].client.stop();
  });

  it('a follower that joins behind the leader reads the rows in between', async () => {
    const { tabs, created, poll, addTab } = openTabs(1);
    await tick();
    created[0].push([row('a')], '15-1');
    poll.mockImplementationOnce(async () => ({ detections: [row('a')], cursor: '15-1', hasMore: false }));
    const late = addTab(1, '10-1');
    await tick();
    expect(poll).toHaveBeenCalledWith('10-1');
    expect(late.received).toEqual(['a']);
    created[0].push([row('a'), row('b')], '16-1');
    await tick();
    expect(late.received).toEqual(['a', 'b']);
    for (const t of [...tabs, late]) t.client.stop();
  });

  it('a follower remembers as many ids as the realtime client does: one setting, DEFAULT_REALTIME_CONFIG.rememberedIds', async () => {
    const saved = DEFAULT_REALTIME_CONFIG.rememberedIds;
    DEFAULT_REALTIME_CONFIG.rememberedIds = 2;
    try {
      const { tabs, created } = openTabs(2);
      await tick();
      created[0].push([row('a'), row('b'), row('c')], '11-3');
      // The follower remembers only b and c: a comes through again, c does not.
      created[0].push([row('a'), row('c')], '11-4');
      await tick();
      expect(tabs[1].received).toEqual(['a', 'b', 'c', 'a']);
      for (const t of tabs) t.client.stop();
    } finally {
      DEFAULT_REALTIME_CONFIG.rememberedIds = saved;
    }
  });
});
