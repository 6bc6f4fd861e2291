import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { createNotificationsStore, SOUND_STORAGE_KEY } from './store';

const T0 = Date.UTC(2025, 0, 1, 12);
let nextId = 0;

// A full TDetection: proves the realtime hook can pass its batches as they are.
const detection = (decision: TDetection['decision']): TDetection =>
  makeDetection({ id: `det_${++nextId}`, amount: 1999, score: 50, riskLevel: 'medium', decision, createdAt: new Date(T0).toISOString() });
const many = (n: number, decision: TDetection['decision']) => Array.from({ length: n }, () => detection(decision));

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: vi.fn((key: string) => data.get(key) ?? null),
    setItem: vi.fn((key: string, value: string) => void data.set(key, value)),
    data,
  };
}

const store = () => createNotificationsStore({ storage: null });

describe('recordDetections', () => {
  it('ignores allowed traffic', () => {
    const s = store();
    expect(s.recordDetections(many(3, 'ALLOW'), T0)).toEqual({ urgent: false });
    expect(s.getSnapshot().groups).toEqual([]);
    expect(s.unreadCount()).toBe(0);
  });

  it('groups batches of one kind arriving within 60 s', () => {
    const s = store();
    s.recordDetections(many(2, 'BLOCK'), T0);
    s.recordDetections(many(3, 'BLOCK'), T0 + 59_999);
    const [group, ...rest] = s.getSnapshot().groups;
    expect(rest).toEqual([]);
    expect(group).toMatchObject({ kind: 'block', count: 5, firstAt: T0, lastAt: T0 + 59_999, read: false });
  });

  it('measures the window from the last update, so a steady stream stays one group', () => {
    const s = store();
    for (let i = 0; i < 5; i++) s.recordDetections(many(1, 'REVIEW'), T0 + i * 50_000);
    expect(s.getSnapshot().groups).toHaveLength(1);
    expect(s.unreadCount()).toBe(5);
  });

  it('starts a new group after 60 s of quiet', () => {
    const s = store();
    s.recordDetections(many(1, 'BLOCK'), T0);
    s.recordDetections(many(1, 'BLOCK'), T0 + 60_000);
    expect(s.getSnapshot().groups.map((g) => g.count)).toEqual([1, 1]);
    expect(s.unreadCount()).toBe(2);
  });

  it('starts a new group after markAllRead, even within 60 s', () => {
    const s = store();
    s.recordDetections(many(4, 'BLOCK'), T0);
    s.markAllRead();
    expect(s.unreadCount()).toBe(0);
    s.recordDetections(many(1, 'BLOCK'), T0 + 1_000);
    const groups = s.getSnapshot().groups;
    expect(groups.map((g) => [g.count, g.read])).toEqual([
      [1, false],
      [4, true],
    ]);
    expect(s.unreadCount()).toBe(1);
  });

  it('keeps blocks and reviews apart and lists a mixed batch newest first, blocks on top', () => {
    const s = store();
    const { urgent } = s.recordDetections([...many(2, 'REVIEW'), ...many(1, 'BLOCK'), ...many(5, 'ALLOW')], T0);
    expect(urgent).toBe(true);
    expect(s.getSnapshot().groups.map((g) => [g.kind, g.count])).toEqual([['block', 1], ['review', 2]]);
    expect(s.unreadCount()).toBe(3);
    s.recordDetections(many(1, 'REVIEW'), T0 + 1_000);
    expect(s.getSnapshot().groups.map((g) => [g.kind, g.count])).toEqual([['review', 3], ['block', 1]]);
  });

  it('is urgent only for a batch with a block', () => {
    const s = store();
    expect(s.recordDetections(many(2, 'REVIEW'), T0).urgent).toBe(false);
    expect(s.recordDetections(many(1, 'BLOCK'), T0).urgent).toBe(true);
  });

  it('counts a repeated detection once (a resumed stream may resend it)', () => {
    const s = store();
    const d = detection('BLOCK');
    s.recordDetections([d], T0);
    expect(s.recordDetections([d], T0 + 1)).toEqual({ urgent: false });
    expect(s.unreadCount()).toBe(1);
  });

  it('keeps at most five sample ids, newest first', () => {
    const s = store();
    const batch = many(7, 'BLOCK');
    s.recordDetections(batch, T0);
    expect(s.getSnapshot().groups[0].sampleIds).toEqual(batch.slice(2).map((d) => d.id).reverse());
  });

  it('keeps the 50 newest groups', () => {
    const s = store();
    for (let i = 0; i < 60; i++) s.recordDetections(many(1, 'BLOCK'), T0 + i * 61_000);
    const groups = s.getSnapshot().groups;
    expect(groups).toHaveLength(50);
    expect(groups[0].lastAt).toBe(T0 + 59 * 61_000);
    expect(groups[49].lastAt).toBe(T0 + 10 * 61_000);
    expect(s.unreadCount()).toBe(50);
  });
});


describe('snapshots and subscribers', () => {
  it('returns the same object until something changes, then a new frozen one', () => {
    const s = store();
    const empty = s.getSnapshot();
    expect(s.getSnapshot()).toBe(empty);
    s.recordDetections(many(3, 'ALLOW'), T0);
    s.markAllRead(); // nothing unread
    s.clear(); // nothing to clear
    expect(s.getSnapshot()).toBe(empty);

    s.recordDetections(many(1, 'BLOCK'), T0);
    const one = s.getSnapshot();
    expect(one).not.toBe(empty);
    expect(one).toMatchObject({ unreadCount: 1, soundEnabled: false });
    expect(Object.isFrozen(one) && Object.isFrozen(one.groups) && Object.isFrozen(one.groups[0])).toBe(true);
    expect(s.getSnapshot()).toBe(one);

    s.markAllRead();
    expect(s.getSnapshot()).not.toBe(one);
    expect(one.groups[0].read).toBe(false); // an old snapshot never changes
  });

  it('notifies subscribers on change only, until they unsubscribe', () => {
    const s = store();
    const listener = vi.fn();
    const unsubscribe = s.subscribe(listener);
    s.recordDetections(many(1, 'ALLOW'), T0);
    expect(listener).not.toHaveBeenCalled();
    s.recordDetections(many(1, 'REVIEW'), T0);
    s.markAllRead();
    s.markAllRead();
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    s.recordDetections(many(1, 'REVIEW'), T0);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('clear forgets every group and the ids seen', () => {
    const s = store();
    const d = detection('REVIEW');
    s.recordDetections([d], T0);
    s.clear();
    expect(s.getSnapshot().groups).toEqual([]);
    expect(s.unreadCount()).toBe(0);
    s.recordDetections([d], T0 + 1); // the same id in another org's session is news again
    expect(s.unreadCount()).toBe(1);
  });
});

describe('sound preference', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is off by default and persisted in localStorage', () => {
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    const s = createNotificationsStore();
    expect(s.isSoundEnabled()).toBe(false);
    s.setSoundEnabled(true);
    expect(storage.data.get(SOUND_STORAGE_KEY)).toBe('on');
    expect(s.getSnapshot().soundEnabled).toBe(true);
    expect(createNotificationsStore().isSoundEnabled()).toBe(true); // a reload remembers it
    s.setSoundEnabled(false);
    expect(storage.data.get(SOUND_STORAGE_KEY)).toBe('off');
    expect(createNotificationsStore().isSoundEnabled()).toBe(false);
  });

  it('survives a clear (it is the user’s choice, not the org’s)', () => {
    const s = createNotificationsStore({ storage: memoryStorage({ [SOUND_STORAGE_KEY]: 'on' }) });
    s.clear();
    expect(s.isSoundEnabled()).toBe(true);
  });

  it('works without localStorage (server) and when storage throws (privacy mode)', () => {
    expect(typeof localStorage).toBe('undefined'); // vitest runs in node
    const s = createNotificationsStore();
    expect(s.isSoundEnabled()).toBe(false);
    s.setSoundEnabled(true);
    expect(s.isSoundEnabled()).toBe(true);

    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const t = createNotificationsStore({ storage: broken });
    expect(t.isSoundEnabled()).toBe(false);
    expect(() => t.setSoundEnabled(true)).not.toThrow();
    expect(t.isSoundEnabled()).toBe(true);
  });
});
