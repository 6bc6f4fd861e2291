import type { TDecision } from '@/lib/detections/schema';
import { groupPastDetections } from './seed';

// The notifications menu's state, kept free of React so it is unit-tested on
// its own and fed by the realtime hook outside any render. Grouping keeps an
// attack (hundreds of blocks a minute) down to a handful of rows.

/** The fields a notification needs; a `TDetection` fits as is. */
export type TNotifiableDetection = {
  id: string;
  decision: TDecision;
  amount: number;
  currency: string;
  ip?: string | null;
  createdAt: string;
};

export type TNotificationKind = 'block' | 'review';

export type TNotificationGroup = Readonly<{
  id: string;
  kind: TNotificationKind;
  count: number;
  /** Arrival times in ms (the browser's clock, not createdAt: the window is about what the user saw). */
  firstAt: number;
  lastAt: number;
  read: boolean;
  /** Up to SAMPLE_SIZE detection ids, newest first. */
  sampleIds: readonly string[];
}>;

export type TNotificationsSnapshot = Readonly<{
  /** Newest first (by lastAt). */
  groups: readonly TNotificationGroup[];
  unreadCount: number;
  soundEnabled: boolean;
}>;

type TStorage = Pick<Storage, 'getItem' | 'setItem'>;

export type TNotificationsStoreOptions = {
  /** Where the sound preference lives; defaults to localStorage when there is one. null: keep it in memory. */
  storage?: TStorage | null;
  maxGroups?: number;
  groupWindowMs?: number;
};

export const SOUND_STORAGE_KEY = 'orylo:notifications:sound';
export const MAX_GROUPS = 50;
export const GROUP_WINDOW_MS = 60_000;
const SAMPLE_SIZE = 5;
/** A resumed stream or an overlapping poll may repeat ids; remembering the recent ones keeps counts honest. */
const MAX_REMEMBERED_IDS = 2_000;

const KIND: Record<TDecision, TNotificationKind | null> = { ALLOW: null, REVIEW: 'review', BLOCK: 'block' };

export const EMPTY_SNAPSHOT: TNotificationsSnapshot = Object.freeze({ groups: Object.freeze([]), unreadCount: 0, soundEnabled: false });

const frozen = (group: TNotificationGroup): TNotificationGroup =>
  Object.freeze({ ...group, sampleIds: Object.freeze([...group.sampleIds]) });

// Reading localStorage can throw (blocked cookies, sandboxed iframes), and on
// the server there is none: every access is guarded.
function defaultStorage(): TStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function createNotificationsStore(options: TNotificationsStoreOptions = {}) {
  const maxGroups = options.maxGroups ?? MAX_GROUPS;
  const windowMs = options.groupWindowMs ?? GROUP_WINDOW_MS;
  // Resolved on use, not at creation: the default instance is created on the server too.
  const storage = () => (options.storage === undefined ? defaultStorage() : options.storage);

  // Replaced, never mutated: a snapshot can hand out the frozen list itself.
  let groups: readonly TNotificationGroup[] = Object.freeze([]);
  let sound: boolean | undefined; // unknown until first read
  let snapshot: TNotificationsSnapshot | null = null;
  let sequence = 0;
  const seen = new Set<string>();
  const listeners = new Set<() => void>();

  const remember = (id: string) => {
    seen.add(id);
    if (seen.size > MAX_REMEMBERED_IDS) seen.delete(seen.values().next().value as string);
  };

  const changed = () => {
    snapshot = null;
    for (const listener of [...listeners]) listener();
  };

  function isSoundEnabled(): boolean {
    if (sound === undefined) {
      try {
        sound = storage()?.getItem(SOUND_STORAGE_KEY) === 'on';
      } catch {
        sound = false;
      }
    }
    return sound;
  }

  function setSoundEnabled(enabled: boolean): void {
    if (isSoundEnabled() === enabled) return;
    sound = enabled;
    try {
      storage()?.setItem(SOUND_STORAGE_KEY, enabled ? 'on' : 'off');
    } catch {
      // Quota or privacy mode: the choice still holds for this tab.
    }
    changed();
  }

  function unreadCount(): number {
    return groups.reduce((sum, g) => (g.read ? sum : sum + g.count), 0);
  }

  function addToKind(list: TNotificationGroup[], kind: TNotificationKind, ids: string[], now: number) {
    const newest = [...ids].reverse(); // batches arrive oldest first
    const index = list.findIndex((g) => g.kind === kind);
    const latest = index === -1 ? undefined : list[index];
    if (latest && !latest.read && now - latest.lastAt < windowMs) {
      const count = latest.count + ids.length;
      list.splice(index, 1);
      list.unshift(
        frozen({
          ...latest,
          count,
          lastAt: now,
          sampleIds: [...newest, ...latest.sampleIds].slice(0, SAMPLE_SIZE),
        }),
      );
      return;
    }
    sequence += 1;
    list.unshift(
      frozen({
        id: `${kind}-${sequence}`,
        kind,
        count: ids.length,
        firstAt: now,
        lastAt: now,
        read: false,
        sampleIds: newest.slice(0, SAMPLE_SIZE),
      }),
    );
  }

  /** Adds a batch; `urgent` when it holds a new BLOCK, so the caller may play the alert sound. */
  function recordDetections(detections: readonly TNotifiableDetection[], now: number = Date.now()): { urgent: boolean } {
    const byKind: Record<TNotificationKind, string[]> = { block: [], review: [] };
    for (const d of detections) {
      const kind = KIND[d.decision];
      if (!kind || seen.has(d.id)) continue;
      remember(d.id);
      byKind[kind].push(d.id);
    }
    if (byKind.block.length === 0 && byKind.review.length === 0) return { urgent: false };
    const next = [...groups];
    // Review first, so a mixed batch shows its blocks on top.
    if (byKind.review.length > 0) addToKind(next, 'review', byKind.review, now);
    if (byKind.block.length > 0) addToKind(next, 'block', byKind.block, now);
    groups = Object.freeze(next.slice(0, maxGroups));
    changed();
    return { urgent: byKind.block.length > 0 };
  }

  /**
   * What happened before this tab opened (./seed.ts), shown as already read:
   * the bell's count is what arrived while the tab was open. Ids already
   * recorded are skipped, and the stream's later copies of these are too.
   */
  function seedDetections(detections: readonly TNotifiableDetection[]): void {
    const unseen = detections.filter((d) => KIND[d.decision] && !seen.has(d.id));
    if (unseen.length === 0) return;
    for (const d of unseen) remember(d.id);
    const seeded = groupPastDetections(unseen, windowMs).map((g) => {
      sequence += 1;
      return frozen({ id: `${g.kind}-${sequence}`, kind: g.kind, count: g.ids.length, firstAt: g.firstAt, lastAt: g.lastAt, read: true, sampleIds: g.ids.slice(0, SAMPLE_SIZE) });
    });
    groups = Object.freeze([...groups, ...seeded].sort((a, b) => b.lastAt - a.lastAt).slice(0, maxGroups));
    changed();
  }

  function markAllRead(): void {
    if (groups.every((g) => g.read)) return;
    groups = Object.freeze(groups.map((g) => (g.read ? g : frozen({ ...g, read: true }))));
    changed();
  }

  /** Forgets every notification (organization switch); the sound preference is the user's and stays. */
  function clear(): void {
    seen.clear();
    if (groups.length === 0) return;
    groups = Object.freeze([]);
    changed();
  }

  /** The same object until something changes, as useSyncExternalStore requires. */
  function getSnapshot(): TNotificationsSnapshot {
    snapshot ??= Object.freeze({ groups, unreadCount: unreadCount(), soundEnabled: isSoundEnabled() });
    return snapshot;
  }

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }

  return { recordDetections, seedDetections, unreadCount, markAllRead, clear, getSnapshot, subscribe, isSoundEnabled, setSoundEnabled };
}

export type TNotificationsStore = ReturnType<typeof createNotificationsStore>;

/** The app's one store: the realtime hook writes, the menu reads. */
export const notificationsStore = createNotificationsStore();
