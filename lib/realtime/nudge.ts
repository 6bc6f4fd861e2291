import { EventEmitter } from 'node:events';

// Nudges make delivery fast; the poll makes it correct (DESIGN.md). In-process
// for now: a detection committed through this instance's ingest wakes this
// instance's pollers for that org at once. Sent after commit, never inside
// the write transaction. (Redis fan-out across instances comes with the hub.)

const globalForBus = globalThis as unknown as { oryloNudgeBus?: EventEmitter };
const bus = (globalForBus.oryloNudgeBus ??= new EventEmitter().setMaxListeners(0));

export function nudgeOrg(orgId: string): void {
  bus.emit('nudge', orgId);
}

export function onOrgNudge(orgId: string, listener: () => void): () => void {
  const handler = (id: string) => {
    if (id === orgId) listener();
  };
  bus.on('nudge', handler);
  return () => bus.off('nudge', handler);
}
