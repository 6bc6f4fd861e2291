import type { TConnectionState } from '@/hooks/use-realtime-detections';

const LABELS: Record<TConnectionState, string> = {
  live: 'Live',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  polling: 'Polling',
  offline: 'Offline',
};

const DETAILS: Record<TConnectionState, string> = {
  live: 'New detections appear as they are scored.',
  connecting: 'Opening the live stream…',
  reconnecting: 'The live stream dropped; reconnecting without losing detections.',
  polling: 'The live stream is unavailable; checking for new detections every 5 seconds.',
  offline: 'No connection to the server. New detections will appear once it is back.',
};

export function ConnectionIndicator({ state, lastEventAt }: { state: TConnectionState; lastEventAt: number | null }) {
  const last = lastEventAt ? ` Last message at ${new Date(lastEventAt).toLocaleTimeString()}.` : '';
  return (
    <span className="conn" data-testid="connection-state" data-state={state} title={DETAILS[state] + last} aria-live="polite">
      <span className="conn-dot" aria-hidden />
      <span>{LABELS[state]}</span>
    </span>
  );
}
