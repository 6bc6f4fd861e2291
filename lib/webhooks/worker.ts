import { Logger as QueueLogger, run, type Runner } from 'graphile-worker';
import { JOB_QUEUE_SCHEMA } from '@/db/job-queue';
import { appDatabaseUrl } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { runDeliverJob } from './deliver';
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

type TWorker = { runner?: Runner; stopped: boolean; timer?: NodeJS.Timeout };

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
    return state;
  });
}

/** Lets running attempts finish and hands back the jobs not started (the server's shutdown). */
export async function stopWebhookWorker(): Promise<void> {
  const state = processState<TWorker>('webhooks.worker', () => ({ stopped: true }));
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  await state.runner?.stop().catch(() => {});
}
