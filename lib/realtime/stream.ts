import type { Logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import type { TDetection } from '@/lib/detections/schema';
import { encodeRetryHint, encodeStreamEvent, formatCursor, type TCursor } from '@/lib/stream-protocol';
import { waitForRoom } from './catch-up';
import { hub } from './hub';
import { realtimeMetrics } from './metrics';

export type TStreamOptions = {
  orgId: string;
  sessionId: string;
  cursor: TCursor;
  /** True when resuming from a client cursor: catch up at once. */
  catchUp: boolean;
  /** The client's cursor cannot be served: send `reset` and end. */
  reset?: boolean;
  log: Logger;
  heartbeatMs: number;
  maxStreamMs: number;
  /** Bytes queued for a client that does not read before it is dropped. */
  maxQueueBytes: number;
  /** Called exactly once when the stream ends, whatever ends it (frees limit slots). */
  onClose: () => void;
};

/** Where a stream's bytes go: a web ReadableStream (App Router) or a Node response (lean server). */
export type TSink = {
  /** Queues bytes; throws if the transport is gone. */
  write(chunk: Uint8Array): void;
  /** Bytes written and not yet taken by the client, as far as the transport can tell (the lean handler's counts the kernel's send queue too). */
  queuedBytes(): number;
  /**
   * Whether at most `bytes` wait for the client now, for a catch-up pacing
   * itself; may read what queuedBytes() only estimates (the lean handler's
   * kernel send queue). Without it, queuedBytes() is taken as it is.
   */
  hasRoom?(bytes: number): Promise<boolean>;
  end(): void;
  /**
   * Drops the connection at once, with whatever is still queued: for a client
   * that stopped reading, whose queue would otherwise stay in memory until it
   * reads again (never, for a stuck client).
   */
  abort(): void;
};

// One heartbeat timer for all streams of the process, not one per stream:
// the same encoded chunk goes to every stream every heartbeatMs.
type Beat = (chunk: Uint8Array) => void;
const beats = processState<{ streams: Set<Beat>; timer?: NodeJS.Timeout }>('realtime.heartbeat', () => ({ streams: new Set() }));

function joinHeartbeat(beat: Beat, everyMs: number): () => void {
  beats.streams.add(beat);
  beats.timer ??= setInterval(() => {
    const chunk = encodeStreamEvent({ type: 'heartbeat', timestamp: new Date().toISOString() });
    for (const b of beats.streams) b(chunk);
  }, everyMs);
  return () => {
    beats.streams.delete(beat);
    if (beats.streams.size === 0) {
      clearInterval(beats.timer);
      beats.timer = undefined;
    }
  };
}

/**
 * One SSE connection: `connected`, then `new_detections` batches from the hub
 * (each with an id: line holding the cursor after its last row), the
 * `detection_updated` and `attack_*` events (no id: line) and heartbeats. Whatever ends it (client gone, slow client, revoked access,
 * lifetime) runs the returned stop() once; after it nothing is written.
 */
export function openDetectionStream(options: TStreamOptions, sink: TSink): (reason: string) => void {
  const { orgId, log } = options;
  let lifetimeTimer: NodeJS.Timeout | undefined;
  let unsubscribe: () => void = () => {};
  const connectionId = realtimeMetrics.connectionOpened({ resumed: options.catchUp });

  const write = (chunk: Uint8Array): boolean => {
    if (sub.closed) return false;
    // A client that stops reading must not grow our memory.
    if (sink.queuedBytes() > options.maxQueueBytes) {
      stop('slow_consumer');
      return false;
    }
    try {
      sink.write(chunk);
      return true;
    } catch {
      realtimeMetrics.error();
      stop('write_failed');
      return false;
    }
  };

  const sub = {
    id: connectionId,
    sessionId: options.sessionId,
    cursor: options.cursor,
    closed: false,
    deliver(rows: TDetection[], cursor: TCursor, encoded?: Uint8Array): boolean {
      const ok = write(encoded ?? encodeStreamEvent({ type: 'new_detections', data: rows, timestamp: new Date().toISOString() }, formatCursor(cursor)));
      if (ok) {
        sub.cursor = cursor;
        realtimeMetrics.eventSent(rows.length);
      }
      return ok;
    },
    send(encoded: Uint8Array): boolean {
      const ok = write(encoded);
      if (ok) realtimeMetrics.eventSent();
      return ok;
    },
    close: (reason: string) => stop(reason),
    waitForRoom: () => waitForRoom((bytes) => (sink.hasRoom ? sink.hasRoom(bytes) : sink.queuedBytes() <= bytes), () => sub.closed),
  };

  const leaveHeartbeat = joinHeartbeat((chunk) => {
    if (write(chunk)) realtimeMetrics.eventSent();
  }, options.heartbeatMs);

  function stop(reason: string) {
    if (sub.closed) return;
    sub.closed = true;
    leaveHeartbeat();
    clearTimeout(lifetimeTimer);
    unsubscribe();
    realtimeMetrics.connectionClosed(connectionId, reason);
    options.onClose();
    const failed = reason === 'slow_consumer' || reason === 'write_failed';
    try {
      if (failed) sink.abort();
      else sink.end();
    } catch {
      /* already closed by the client going away */
    }
    const level = failed ? 'warn' : 'info';
    log[level]({ reason, cursor: formatCursor(sub.cursor) }, 'sse closed');
  }

  write(encodeRetryHint(3_000));
  if (options.reset) {
    write(encodeStreamEvent({ type: 'reset', timestamp: new Date().toISOString() }));
    stop('cursor_reset');
    return stop;
  }
  // orgId lets a client notice that another tab switched the session's organization;
  // heartbeatMs tells it how long a silence means a dead connection.
  write(encodeStreamEvent({ type: 'connected', orgId, heartbeatMs: options.heartbeatMs, timestamp: new Date().toISOString() }, formatCursor(sub.cursor)));
  if (options.maxStreamMs > 0) {
    // Serverless hosts cut long responses; end cleanly first. The client
    // reconnects (retry: 1 s) with Last-Event-ID and loses nothing.
    lifetimeTimer = setTimeout(() => {
      write(encodeRetryHint(1_000));
      stop('max_lifetime');
    }, options.maxStreamMs);
  }
  hub()
    .subscribe(orgId, sub, { catchUp: options.catchUp })
    .then((off) => {
      if (sub.closed) off();
      else unsubscribe = off;
    })
    .catch((error) => {
      log.warn({ err: error }, 'could not join the feed');
      realtimeMetrics.error();
      stop('subscribe_failed');
    });
  log.info({ cursor: formatCursor(sub.cursor) }, 'sse opened');
  return stop;
}

/** The App Router adapter: a byte-counted ReadableStream; request abort and cancel both stop it. */
export function createDetectionStream(options: TStreamOptions & { signal: AbortSignal }): ReadableStream<Uint8Array> {
  let stop: (reason: string) => void = () => {};
  const onAbort = () => stop('client_disconnected');
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (options.signal.aborted) {
          options.onClose();
          return controller.close();
        }
        stop = openDetectionStream(
          { ...options, onClose: () => { options.signal.removeEventListener('abort', onAbort); options.onClose(); } },
          {
            write: (chunk) => controller.enqueue(chunk),
            // desiredSize = highWaterMark − queued bytes.
            queuedBytes: () => HIGH_WATER_MARK - (controller.desiredSize ?? HIGH_WATER_MARK),
            end: () => controller.close(),
            abort: () => controller.error(new Error('stream dropped')),
          },
        );
        options.signal.addEventListener('abort', onAbort);
      },
      cancel() {
        stop('client_cancelled');
      },
    },
    { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  );
}

const HIGH_WATER_MARK = 64 * 1024;
