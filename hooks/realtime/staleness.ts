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

const STATE_WORDS: Record<TRealtimeState, string> = {
  live: 'live',
  connecting: 'connecting',
  reconnecting: 'reconnecting',
  polling: 'live stream down, checking every few seconds',
  offline: 'offline',
};

const PROBLEM_WORDS: Record<Exclude<TConnectionProblem, null>, string> = {
  no_network: 'no network',
  server_unreachable: 'server unreachable',
  paused: 'paused while the tab was hidden',
};

/**
 * "Figures as of 14:05:12 — reconnecting, server unreachable" while the feed
 * is not live; null while it is (or before anything was loaded: the page
 * shows its placeholders then). `asOf` is when these figures were last read.
 */
export function staleNotice(input: { state: TRealtimeState; problem: TConnectionProblem; asOf: number | null; formatTime: (at: number) => string }): string | null {
  if (input.state === 'live' || input.state === 'connecting' || !input.asOf) return null;
  const words = [STATE_WORDS[input.state], input.problem ? PROBLEM_WORDS[input.problem] : null].filter(Boolean).join(', ');
  return `Figures as of ${input.formatTime(input.asOf)} — ${words}`;
}

/** The connection badge's explanation (its hover text), by state and problem. */
export function connectionDetail(state: TRealtimeState, problem: TConnectionProblem): string {
  if (problem === 'no_network') return 'No network: this device is offline. Nothing can reach Orylo until the connection is back; then new detections appear without a reload.';
  if (problem === 'server_unreachable') {
    return state === 'offline'
      ? 'Server unreachable: the network is up, but Orylo\'s server refused or failed every request. Retrying; figures on screen are not updating.'
      : 'Server unreachable: the network is up, but Orylo\'s server refused the live stream or failed. Reconnecting without losing detections.';
  }
  if (problem === 'paused') return 'Paused: the tab was hidden for a while and let go of its connection. It catches up when shown.';
  switch (state) {
    case 'live':
      return 'New detections appear as they are scored.';
    case 'connecting':
      return 'Opening the live stream…';
    case 'reconnecting':
      return 'The live stream dropped; reconnecting without losing detections.';
    case 'polling':
      return 'The live stream is unavailable here; checking for new detections every few seconds while it is retried.';
    case 'offline':
      return 'Not receiving updates. New detections will appear once the connection is back.';
  }
}
