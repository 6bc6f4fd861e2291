import { Logger as QueueLogger, makeWorkerUtils, run, type Runner } from 'graphile-worker';
import { JOB_QUEUE_SCHEMA } from '@/db/job-queue';
import { sql } from 'drizzle-orm';
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
/**
 * An attempt takes at most WEBHOOK_ATTEMPT_TIMEOUT_MS (10 s) plus two short
 * transactions; a delivery job locked much longer belongs to a worker that
 * died mid-attempt (SIGKILL, OOM). graphile-worker itself frees such jobs only
 * after 4 hours; this sweep hands them back after STUCK_AFTER_S.
 */
const STUCK_AFTER_S = 60;
const SWEEP_EVERY_MS = 30_000;

type TWorker = { runner?: Runner; stopped: boolean; timer?: NodeJS.Timeout; pruneTimer?: NodeJS.Timeout; sweepTimer?: NodeJS.Timeout };

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
    state.sweepTimer = setInterval(() => void unlockStuckJobs(), SWEEP_EVERY_MS);
    state.sweepTimer.unref();
    return state;
  });
}

/** Lets running attempts finish and hands back the jobs not started (the server's shutdown). */
export async function stopWebhookWorker(): Promise<void> {
  const state = processState<TWorker>('webhooks.worker', () => ({ stopped: true }));
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  if (state.pruneTimer) clearTimeout(state.pruneTimer);
  if (state.sweepTimer) clearInterval(state.sweepTimer);
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

/**
 * Hands back delivery jobs whose worker died mid-attempt, with graphile-worker's
 * own force_unlock_workers (their jobs and named queues). A worker that was
 * only slow loses nothing: the job run again finds its attempt recorded
 * (deliver.ts), at worst the receiver gets the event twice (at-least-once).
 */
async function unlockStuckJobs(): Promise<void> {
  try {
    await appDb().db.execute(sql`
      select ${sql.raw(JOB_QUEUE_SCHEMA)}.force_unlock_workers(array_agg(distinct j.locked_by))
      from ${sql.raw(JOB_QUEUE_SCHEMA)}._private_jobs j
      join ${sql.raw(JOB_QUEUE_SCHEMA)}._private_tasks t on t.id = j.task_id
      where t.identifier = ${DELIVER_TASK} and j.locked_by is not null and j.locked_at < now() - make_interval(secs => ${STUCK_AFTER_S})
      having count(*) > 0`);
  } catch (err) {
    logger().warn({ err }, 'webhook worker: could not hand back stuck jobs');
  }
}
