// The heartbeat contract. The server sends `heartbeat` every heartbeatMs
// (REALTIME_HEARTBEAT_MS) and says which in `connected`; a client that hears
// nothing, heartbeats included, for deadAfterMs(heartbeatMs) treats the
// connection as dead. Deriving one from the other is what keeps a server with
// a slow heartbeat from sending every dashboard into a reconnect loop.

export const DEFAULT_HEARTBEAT_MS = 30_000;

/** Silence that means a dead connection: two missed heartbeats. */
export function deadAfterMs(heartbeatMs: number): number {
  return 2 * heartbeatMs;
}
