import type { TAttack } from '@/lib/attacks/schema';
import type { TDetection } from '@/lib/detections/schema';

export type TRealtimeState = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'offline';

/** What a transport reports when a stream cannot open or ends. */
export type TStreamFailure = {
  /** HTTP status when the server answered with an error; absent for network errors and ended streams. */
  status?: number;
  /** From Retry-After (429/503). */
  retryAfterMs?: number;
  reason: string;
};

export type TTransportHandlers = {
  /** One parsed SSE message (data is the JSON text). */
  onMessage(message: { data: string; id?: string }): void;
  /** The server's `retry:` hint, in ms. */
  onRetryHint(ms: number): void;
  /** The stream could not open, failed or ended. Called at most once per open(). */
  onFailure(failure: TStreamFailure): void;
};

/** Opens one stream; returns close(). After close() no handler is called. */
export type TTransport = { open(url: string, handlers: TTransportHandlers): () => void };

export type TPollPage = { detections: TDetection[]; cursor: string; hasMore: boolean };

/** An HTTP error from the polling fallback, with its status. */
export class RealtimeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RealtimeHttpError';
  }
}

/** Where the browser's network and visibility come from (a fake in tests). */
export type TEnvironment = {
  isOnline(): boolean;
  isHidden(): boolean;
  /** Calls back when online/offline or visibility changes; returns unsubscribe. */
  onChange(callback: () => void): () => void;
};

export type TRealtimeEvents = {
  state: TRealtimeState;
  new_detections: TDetection[];
  detection_updated: TDetection[];
  /** The server could not serve our cursor: lists must be refetched. */
  reset: null;
  attack_started: TAttack;
  attack_updated: TAttack;
  attack_ended: TAttack;
  /** 401 (signed out) or 403 (no longer in the organization): the client has stopped. */
  unauthorized: 401 | 403;
};

export type TRealtimeEventType = keyof TRealtimeEvents;

export type TRealtimeStats = {
  state: TRealtimeState;
  role: 'leader' | 'follower' | 'solo';
  cursor: string | null;
  lastEventAt: number | null;
  liveSince: number | null;
  pollingSince: number | null;
  /** Failed or short-lived streams in a row. */
  failures: number;
  streamsOpened: number;
  eventsReceived: number;
  detectionsReceived: number;
  polls: number;
  nextRetryAt: number | null;
  lastFailure: string | null;
  paused: boolean;
};

export type TRealtimeClient = {
  subscribe<K extends TRealtimeEventType>(type: K, callback: (payload: TRealtimeEvents[K]) => void): () => void;
  getState(): TRealtimeState;
  getStats(): TRealtimeStats;
  /** Drops the current stream (if any) and opens a new one at once, from the last cursor. */
  reconnect(): void;
  /** War room: poll faster while the fallback is in use. */
  setUrgent(urgent: boolean): void;
  stop(): void;
};
