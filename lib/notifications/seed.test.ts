import { describe, expect, it } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { groupPastDetections } from './seed';
import { createNotificationsStore, GROUP_WINDOW_MS } from './store';

const T0 = Date.UTC(2026, 10, 30, 14);
const at = (id: string, decision: TDetection['decision'], ms: number) => makeDetection({ id, decision, createdAt: new Date(T0 + ms).toISOString() });

describe('groupPastDetections', () => {
  it('groups each kind by when it was scored, newest group first, and leaves ALLOW out', () => {
    const groups = groupPastDetections(
      [at('b1', 'BLOCK', 0), at('b2', 'BLOCK', 30_000), at('a', 'ALLOW', 40_000), at('r1', 'REVIEW', 50_000), at('b3', 'BLOCK', 200_000)],
      GROUP_WINDOW_MS,
    );
    expect(groups.map((g) => [g.kind, g.ids])).toEqual([
      ['block', ['b3']],
      ['review', ['r1']],
      ['block', ['b2', 'b1']],
    ]);
    expect(groups[2]).toMatchObject({ firstAt: T0, lastAt: T0 + 30_000 });
  });
});

describe('seedDetections', () => {
  it('shows what happened before the tab opened, as read, and never counts it twice', () => {
    const store = createNotificationsStore({ storage: null });
    const live = at('live', 'REVIEW', 500_000);
    store.recordDetections([live], T0 + 500_000);
    store.seedDetections([at('b1', 'BLOCK', 0), at('b2', 'BLOCK', 10_000), at('r1', 'REVIEW', 20_000), live]);
    const { groups, unreadCount } = store.getSnapshot();
    expect(groups.map((g) => [g.kind, g.count, g.read])).toEqual([
      ['review', 1, false],
      ['review', 1, true],
      ['block', 2, true],
    ]);
    expect(unreadCount).toBe(1);
    // The stream repeats a seeded row: nothing new.
    expect(store.recordDetections([at('b1', 'BLOCK', 0)], T0 + 600_000)).toEqual({ urgent: false });
    expect(store.getSnapshot().groups).toHaveLength(3);
  });
});
