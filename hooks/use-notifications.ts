'use client';

import { useSyncExternalStore } from 'react';
import { EMPTY_SNAPSHOT, notificationsStore, type TNotificationsSnapshot } from '@/lib/notifications/store';

const getServerSnapshot = () => EMPTY_SNAPSHOT;

/**
 * The app's notifications, re-rendering on every change. The server (and the
 * hydrating render) sees the empty snapshot: the store and the sound
 * preference live in this tab only.
 */
export function useNotifications(): TNotificationsSnapshot {
  return useSyncExternalStore(notificationsStore.subscribe, notificationsStore.getSnapshot, getServerSnapshot);
}
