import type { TRealtimeView } from '@/hooks/realtime/use-realtime-detections';
import type { TRealtimeState } from '@/lib/realtime/client';

const LABELS: Record<TRealtimeState, string> = {
  live: 'Live',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  polling: 'Polling',
  offline: 'Offline',
};

// Honest words: only "Live" claims that detections arrive as they happen.
const DETAILS: Record<TRealtimeState, string> = {
  live: 'New detections appear as they are scored.',
  connecting: 'Opening the live stream…',
  reconnecting: 'The live stream dropped; reconnecting without losing detections.',
  polling: 'The live stream is unavailable here; checking for new detections every few seconds while it is retried.',
  offline: 'Not receiving updates (no network, or the tab was hidden for a while). New detections will appear once it is back.',
};

export function ConnectionIndicator({ view }: { view: TRealtimeView }) {
  const { state, lastEventAt, role } = view;
  const last = lastEventAt ? ` Last message at ${new Date(lastEventAt).toLocaleTimeString()}.` : ' No message yet.';
  const shared = role === 'follower' ? ' Shared with another open tab.' : '';
  return (
    <>
      <span className="conn" data-testid="connection-state" data-state={state} data-role={role ?? ''} title={DETAILS[state] + last + shared}>
        <span className="conn-dot" aria-hidden />
        <span>{LABELS[state]}</span>
      </span>
      {/* Announced once per change, in words a screen-reader user can act on. */}
      <span className="sr-only" role="status" aria-live="polite">
        {`Live updates: ${LABELS[state].toLowerCase()}.`}
      </span>
    </>
  );
}
