import { appDb } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { advanceRollups, advanceRuleRollups, ROLLUP_BATCH } from './advance';
import { runRetentionPass } from './retention';

const RETRY_AFTER_ERROR_MS = 5_000;
const RETENTION_EVERY_MS = 60 * 60 * 1000;
// The first retention pass waits for the server to settle.
const FIRST_RETENTION_AFTER_MS = 60 * 1000;

type TFollower = { timer?: NodeJS.Timeout; retentionTimer?: NodeJS.Timeout; stopped: boolean };

/**
 * Starts, once per process, the loop that keeps the rollups following the
 * detections table, and the hourly retention pass. Every instance runs one;
 * the database lets one of them work at a time. Reads stay exact between two
 * moves (lib/rollups/read.ts), so the interval only bounds how much the tail
 * may grow. ORYLO_BACKGROUND_JOBS=0 leaves both to other instances.
 */
export function startRollupFollower(): void {
  if (env().ORYLO_BACKGROUND_JOBS === '0') return;
  processState<TFollower>('rollups.follower', () => {
    const state: TFollower = { stopped: false };
    schedule(state, 0);
    state.retentionTimer = setTimeout(() => void retentionLoop(state), FIRST_RETENTION_AFTER_MS);
    state.retentionTimer.unref();
    return state;
  });
}

function schedule(state: TFollower, delayMs: number): void {
  if (state.stopped) return;
  state.timer = setTimeout(() => void tick(state), delayMs);
  state.timer.unref();
}

async function tick(state: TFollower): Promise<void> {
  let next = env().ROLLUP_INTERVAL_MS;
  try {
    const moved = await advanceRollups({ db: appDb().db });
    // Its own cursor: on an existing table it starts from the first row while the other keeps up.
    const rules = await advanceRuleRollups({ db: appDb().db });
    // A backlog (a restart, an import, the first start on an existing table): go on at once.
    if (moved.detections === ROLLUP_BATCH || moved.updates === ROLLUP_BATCH || rules.detections === ROLLUP_BATCH) next = 0;
  } catch (err) {
    logger().warn({ err }, 'rollup follower: could not move; retrying');
    next = Math.max(next, RETRY_AFTER_ERROR_MS);
  }
  schedule(state, next);
}

async function retentionLoop(state: TFollower): Promise<void> {
  if (state.stopped) return;
  try {
    const result = await runRetentionPass({ db: appDb().db, retentionDays: env().ORYLO_RETENTION_DAYS });
    if (result.detections || result.housekeeping) logger().info(result, 'retention pass');
  } catch (err) {
    logger().warn({ err }, 'retention pass failed; next one in an hour');
  }
  state.retentionTimer = setTimeout(() => void retentionLoop(state), RETENTION_EVERY_MS);
  state.retentionTimer.unref();
}
