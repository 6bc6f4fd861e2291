import { Logger as QueueLogger, makeWorkerUtils, run, type Runner } from 'graphile-worker';
import { JOB_QUEUE_SCHEMA } from '@/db/job-queue';
import { appDatabaseUrl, appDb } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { runDeliverJob } from './deliver';
import { pruneWebhookLog } from './prune';
import { DELIVER_TASK } from './queue';

// The webhook worker: a graphile-worker pool inside each server process, as
// the runtime role. Several instances share the queue safely (graphile-worker
// takes each job with FOR UPDATE SKIP LOCKED); each job is one attempt of one
// delivery (./deliver.ts). ORYLO_BACKGROUND_JOBS=0 leaves the work to other
// instances, as for the rollup follower.

/** Jobs run at once per process. Each holds a database connection only for its two short transactions. */
const CONCURRENCY = 24;
/** How often jobs scheduled for later (retries) are looked for; new ones wake the worker at once (LISTEN). */
const POLL_INTERVAL_MS = 1_000;
const RESTART_AFTER_MS = 10_000;
/** The log's housekeeping: a minute after start, then hourly. */
const FIRST_PRUNE_AFTER_MS = 60_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

type TWorker = { runner?: Runner; stopped: boolean; timer?: NodeJS.Timeout; pruneTimer?: NodeJS.Timeout };

function queueLogger(): QueueLogger {
  return new QueueLogger((scope) => (level, message, meta) => {
    const log = logger().child({ component: 'webhook-worker', ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}) });
    if (level === 'error') log.error(meta ?? {}, message);
    else if (level === 'warning') log.warn(meta ?? {}, message);
    else log.debug(meta ?? {}, message);
  });
}

async function start(state: TWorker): Promise<void> {
  if (state.stopped) return;
  try {
    const log = logger().child({ component: 'webhook-worker' });
    state.runner = await run({
      connectionString: appDatabaseUrl(),
      schema: JOB_QUEUE_SCHEMA,
      concurrency: CONCURRENCY,
      maxPoolSize: 10,
      pollInterval: POLL_INTERVAL_MS,
      noHandleSignals: true,
      logger: queueLogger(),
      taskList: { [DELIVER_TASK]: (payload) => runDeliverJob(payload, log) },
    });
    if (state.stopped) await state.runner.stop();
    // A pool that dies (the database went away for good) is started again.
    state.runner.promise.catch((err) => {
      log.warn({ err }, 'webhook worker stopped; restarting');
      state.runner = undefined;
      schedule(state);
    });
  } catch (err) {
    logger().warn({ err }, 'webhook worker could not start; retrying');
    schedule(state);
  }
}

function schedule(state: TWorker): void {
  if (state.stopped) return;
  state.timer = setTimeout(() => void start(state), RESTART_AFTER_MS);
  state.timer.unref();
}

/** Starts this process's webhook worker, once (both module graphs call it). */
export function startWebhookWorker(): void {
  if (env().ORYLO_BACKGROUND_JOBS === '0') return;
  processState<TWorker>('webhooks.worker', () => {
    const state: TWorker = { stopped: false };
    void start(state);
    schedulePrune(state, FIRST_PRUNE_AFTER_MS);
    return state;
  });
}

/** Lets running attempts finish and hands back the jobs not started (the server's shutdown). */
export async function stopWebhookWorker(): Promise<void> {
  const state = processState<TWorker>('webhooks.worker', () => ({ stopped: true }));
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  if (state.pruneTimer) clearTimeout(state.pruneTimer);
  await state.runner?.stop().catch(() => {});
}

function schedulePrune(state: TWorker, delayMs: number): void {
  if (state.stopped) return;
  state.pruneTimer = setTimeout(() => void prune(state), delayMs);
  state.pruneTimer.unref();
}

/**
 * Old events with their deliveries and attempts (lib/webhooks/prune.ts), then
 * graphile-worker's own cleanup of queues nothing uses any more (the lanes of
 * deleted endpoints). Every instance may run it: both skip what another holds.
 */
async function prune(state: TWorker): Promise<void> {
  try {
    const events = await pruneWebhookLog({ db: appDb().db });
    const utils = await makeWorkerUtils({ connectionString: appDatabaseUrl(), schema: JOB_QUEUE_SCHEMA, logger: queueLogger() });
    try {
      await utils.cleanup({ tasks: ['GC_JOB_QUEUES'] });
    } finally {
      await utils.release();
    }
    if (events) logger().info({ events }, 'webhook log pruned');
  } catch (err) {
    logger().warn({ err }, 'webhook log pruning failed; next one in an hour');
  }
  schedulePrune(state, PRUNE_EVERY_MS);
}
