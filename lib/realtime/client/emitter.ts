import type { TRealtimeEventType, TRealtimeEvents } from './types';

type TListener = (payload: never) => void;

/** A typed event emitter; a throwing subscriber cannot break delivery to the others. */
export function createEmitter() {
  const listeners = new Map<TRealtimeEventType, Set<TListener>>();
  return {
    subscribe<K extends TRealtimeEventType>(type: K, callback: (payload: TRealtimeEvents[K]) => void): () => void {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(callback as TListener);
      return () => set.delete(callback as TListener);
    },
    emit<K extends TRealtimeEventType>(type: K, payload: TRealtimeEvents[K]): void {
      for (const callback of [...(listeners.get(type) ?? [])]) {
        try {
          (callback as (p: TRealtimeEvents[K]) => void)(payload);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
  };
}
