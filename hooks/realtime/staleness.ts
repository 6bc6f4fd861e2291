import type { TRealtimeState } from '@/lib/realtime/client';

// Honest words for a connection that is not live: what is wrong (no network
// on this device, or a server that does not answer), and since when the
// figures on screen are stale. Pure: the components and the badge call it.

export type TConnectionProblem = 'no_network' | 'server_unreachable' | 'paused' | null;

/**
 * What keeps the feed from being live. `navigator.onLine === false` is "no
 * network": nothing leaves this device. A request that went out and met a
 * refused connection or a 5xx is "server unreachable". A tab that was hidden
 * long enough has let go of its connection on purpose.
 */
export function connectionProblem(input: { state: TRealtimeState; online: boolean; paused: boolean; lastFailure: string | null }): TConnectionProblem {
  if (!input.online && input.state !== 'live') return 'no_network';
  // Polling means the polls get through: the stream alone is refused, and the state says so.
  if (input.state === 'live' || input.state === 'connecting' || input.state === 'polling') return null;
  if (input.paused) return 'paused';
  const failure = input.lastFailure ?? '';
  if (failure === 'network_error' || /^http_5\d\d$/.test(failure)) return 'server_unreachable';
  // Polling that fails is the offline state: whatever the poll met, the server did not serve it.
  if (input.state === 'offline') return 'server_unreachable';
  return null;
}

/** The stale figures' notice, as values of the catalog's "dashboard.connection.stale". */
export type TStaleNotice = { time: string; state: TRealtimeState; problem: Exclude<TConnectionProblem, null> | 'none' };

/**
 * "Figures as of 14:05:12 — reconnecting, server unreachable" while the feed
 * is not live; null while it is (or before anything was loaded: the page
 * shows its placeholders then). `asOf` is when these figures were last read.
 * The words come from the catalog; this decides which.
 */
export function staleNotice(input: { state: TRealtimeState; problem: TConnectionProblem; asOf: number | null; formatTime: (at: number) => string }): TStaleNotice | null {
  if (input.state === 'live' || input.state === 'connecting' || !input.asOf) return null;
  return { time: input.formatTime(input.asOf), state: input.state, problem: input.problem ?? 'none' };
}

export type TConnectionDetail = 'noNetwork' | 'unreachableOffline' | 'unreachable' | 'paused' | TRealtimeState;

/** Which explanation the connection badge gives (its hover text, "dashboard.connection.detail.*"), by state and problem. */
export function connectionDetail(state: TRealtimeState, problem: TConnectionProblem): TConnectionDetail {
  if (problem === 'no_network') return 'noNetwork';
  if (problem === 'server_unreachable') return state === 'offline' ? 'unreachableOffline' : 'unreachable';
  if (problem === 'paused') return 'paused';
  return state;
}
