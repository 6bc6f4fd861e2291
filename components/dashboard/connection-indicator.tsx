import type { TRealtimeView } from '@/hooks/realtime/use-realtime-detections';
import { connectionDetail } from '@/hooks/realtime/staleness';
import type { TRealtimeState } from '@/lib/realtime/client';
import { formatClock } from './format';

const LABELS: Record<TRealtimeState, string> = {
  live: 'Live',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  polling: 'Polling',
  offline: 'Offline',
};

// Honest words: only "Live" claims that detections arrive as they happen, and
// the explanation tells "no network" (this device) from "server unreachable".
export function ConnectionIndicator({ view }: { view: TRealtimeView }) {
  const { state, lastEventAt, role, problem } = view;
  const last = lastEventAt ? ` Last message at ${formatClock(lastEventAt)}.` : ' No message yet.';
  const shared = role === 'follower' ? ' Shared with another open tab.' : '';
  return (
    <>
      <span className="conn" data-testid="connection-state" data-state={state} data-problem={problem ?? ''} data-role={role ?? ''} title={connectionDetail(state, problem) + last + shared}>
        <span className="conn-dot" aria-hidden />
        <span>{LABELS[state]}</span>
      </span>
      {/* Announced once per change, in words a screen-reader user can act on. */}
      <span className="sr-only" role="status" aria-live="polite">
        {`Live updates: ${LABELS[state].toLowerCase()}${problem === 'no_network' ? ', no network' : problem === 'server_unreachable' ? ', server unreachable' : ''}.`}
      </span>
    </>
  );
}
