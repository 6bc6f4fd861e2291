import type { Logger } from '@/lib/logger';
import { formatCursor, type TCursor } from './cursor';
import { sseMetrics } from './metrics';
import { onOrgNudge } from './nudge';
import type { TDetectionSource } from './poller';
import { sseEvent, sseRetry } from './sse';

export type TStreamOptions = {
  orgId: string;
  cursor: TCursor;
  /** Poll at once on open: true when resuming, so the client catches up immediately. */
  catchUp: boolean;
  source: TDetectionSource;
  log: Logger;
  signal: AbortSignal;
  pollIntervalMs: number;
  heartbeatMs: number;
  maxStreamMs: number;
};

/**
 * One SSE connection: `connected`, then `new_detections` batches (each with
 * an id: line holding the cursor after its last row) and heartbeats.
 * A disconnect (request abort or stream cancel) runs stop() once; after it
 * no timer fires, no poll starts and nothing is written.
 */
export function createDetectionStream(options: TStreamOptions): ReadableStream<Uint8Array> {
  const { orgId, source, log } = options;
  let cursor = options.cursor;
  let closed = false;
  let polling = false;
  let pollAgain = false;
  let pollTimer: NodeJS.Timeout | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let lifetimeTimer: NodeJS.Timeout | undefined;
  let unsubscribe: () => void = () => {};
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const connectionId = sseMetrics.connectionOpened();

  const write = (chunk: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(chunk);
    } catch (error) {
      log.warn({ err: error }, 'sse write failed; closing');
      stop('write_failed');
    }
  };

  const stop = (reason: string) => {
    if (closed) return;
    closed = true;
    clearTimeout(pollTimer);
    clearInterval(heartbeatTimer);
    clearTimeout(lifetimeTimer);
    unsubscribe();
    options.signal.removeEventListener('abort', onAbort);
    sseMetrics.connectionClosed(connectionId);
    try {
      controller.close();
    } catch {
      /* already closed or errored by the client going away */
    }
    log.info({ reason, cursor: formatCursor(cursor) }, 'sse closed');
  };

  const schedulePoll = (delay: number) => {
    if (closed) return;
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, delay);
  };

  async function poll() {
    if (closed) return;
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    let next = options.pollIntervalMs;
    try {
      const batch = await source.readAfter(cursor);
      sseMetrics.polled(true);
      if (closed) return;
      if (batch.detections.length > 0) {
        cursor = batch.cursor;
        write(sseEvent({ type: 'new_detections', data: batch.detections, timestamp: new Date().toISOString() }, formatCursor(cursor)));
        sseMetrics.eventSent(batch.detections.length);
      }
      if (batch.hasMore) next = 0;
    } catch (error) {
      sseMetrics.polled(false);
      log.warn({ err: error }, 'sse poll failed; retrying at the next tick');
    } finally {
      polling = false;
    }
    if (pollAgain) {
      pollAgain = false;
      next = 0;
    }
    schedulePoll(next);
  }

  const onAbort = () => stop('client_disconnected');

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (options.signal.aborted) return stop('client_disconnected');
      options.signal.addEventListener('abort', onAbort);
      write(sseRetry(3_000));
      // orgId lets a client notice that another tab switched the session's organization.
      write(sseEvent({ type: 'connected', orgId, timestamp: new Date().toISOString() }, formatCursor(cursor)));
      unsubscribe = onOrgNudge(orgId, () => schedulePoll(0));
      heartbeatTimer = setInterval(() => {
        write(sseEvent({ type: 'heartbeat', timestamp: new Date().toISOString() }));
        sseMetrics.eventSent();
      }, options.heartbeatMs);
      if (options.maxStreamMs > 0) {
        // Serverless hosts cut long responses; end cleanly first. The client
        // reconnects (retry: 1 s) with Last-Event-ID and loses nothing.
        lifetimeTimer = setTimeout(() => {
          write(sseRetry(1_000));
          stop('max_lifetime');
        }, options.maxStreamMs);
      }
      schedulePoll(options.catchUp ? 0 : options.pollIntervalMs);
      log.info({ cursor: formatCursor(cursor) }, 'sse opened');
    },
    cancel() {
      stop('client_cancelled');
    },
  });
}
