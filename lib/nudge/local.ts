import { EventEmitter } from 'node:events';

// The in-process transport: a nudge reaches this instance's pollers
// synchronously, before any remote transport is even tried.

export type TLocalBus = {
  emit(orgId: string): void;
  on(listener: (orgId: string) => void): () => void;
  readonly listenerCount: number;
};

export function createLocalBus(): TLocalBus {
  // Every open org poller may listen through the hub: no listener limit.
  const emitter = new EventEmitter().setMaxListeners(0);
  return {
    emit: (orgId) => void emitter.emit('nudge', orgId),
    on(listener) {
      emitter.on('nudge', listener);
      return () => void emitter.off('nudge', listener);
    },
    get listenerCount() {
      return emitter.listenerCount('nudge');
    },
  };
}
