import { alertOnIncident } from '@/lib/alerts';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { nudgeOrg } from '@/lib/nudge';
import { ATTACK_CONFIG } from './config';
import { evaluateAttack } from './evaluate';

// When the detector runs. Ingest calls observeAttack(orgId) after each commit;
// evaluations are coalesced per org (one at once, at most one per
// coalesceMs, then one trailing run for whatever came in between). Open
// incidents this process knows of are re-evaluated by a sweeper so they close
// without further traffic. One detector per process (lib/process-state.ts):
// Next's bundle and the lean stream server must share it.

type TOrgRun = { running: boolean; again: boolean; timer?: NodeJS.Timeout; lastRunAt: number };
type TState = { runs: Map<string, TOrgRun>; open: Set<string>; sweeper?: NodeJS.Timeout };

const state = processState<TState>('attacks.detector', () => ({ runs: new Map(), open: new Set() }));

/** Fire-and-forget: never throws, never delays the caller; failures are logged. */
export function observeAttack(orgId: string): void {
  let run = state.runs.get(orgId);
  if (!run) {
    if (state.runs.size >= 1_000) prune();
    run = { running: false, again: false, lastRunAt: 0 };
    state.runs.set(orgId, run);
  }
  schedule(orgId, run);
}

/** This process learnt of an open incident (from the stream's poller, say): sweep it until it closes. */
export function trackOpenAttack(orgId: string): void {
  state.open.add(orgId);
  if (state.sweeper) return;
  state.sweeper = setInterval(() => {
    for (const id of state.open) observeAttack(id);
  }, ATTACK_CONFIG.sweepIntervalMs);
  state.sweeper.unref();
}

function untrackAttack(orgId: string): void {
  state.open.delete(orgId);
  if (state.open.size === 0 && state.sweeper) {
    clearInterval(state.sweeper);
    state.sweeper = undefined;
  }
}

function schedule(orgId: string, run: TOrgRun): void {
  if (run.running) {
    run.again = true;
    return;
  }
  if (run.timer) return; // a trailing run is already due
  const wait = run.lastRunAt + ATTACK_CONFIG.coalesceMs - Date.now();
  if (wait <= 0) {
    void evaluate(orgId, run);
    return;
  }
  run.timer = setTimeout(() => {
    run.timer = undefined;
    void evaluate(orgId, run);
  }, wait);
  run.timer.unref();
}

async function evaluate(orgId: string, run: TOrgRun): Promise<void> {
  run.running = true;
  run.lastRunAt = Date.now();
  try {
    const result = await evaluateAttack({ orgId, config: ATTACK_CONFIG });
    // Another instance (or a sweep) holds the org's lock: look again shortly.
    if (result.outcome === 'busy') run.again = true;
    else if (result.outcome === 'quiet' || result.outcome === 'closed') untrackAttack(orgId);
    else trackOpenAttack(orgId);
    if (result.outcome === 'opened' || result.outcome === 'closed') {
      // Committed: wake the org's streams so the war room opens (or stands down)
      // now, not at the next tick. Counter updates need no nudge: during an
      // attack every ingest nudges anyway, and a quiet org's next tick is soon enough.
      nudgeOrg(orgId);
      // Slack and e-mail channels: one message per incident start and end, off this path (lib/alerts).
      alertOnIncident({ orgId, outcome: result.outcome, attack: result.attack });
      logger().info({ orgId, attackId: result.attack.id, attempts: result.attack.attempts, trigger: result.attack.trigger }, `attack ${result.outcome}`);
    }
  } catch (err) {
    logger().warn({ err, orgId }, 'attack evaluation failed');
  } finally {
    run.running = false;
    if (run.again) {
      run.again = false;
      schedule(orgId, run);
    }
  }
}

/** Forgets orgs that are idle and past their coalescing window. */
function prune(): void {
  const cutoff = Date.now() - ATTACK_CONFIG.coalesceMs;
  for (const [orgId, run] of state.runs) {
    if (!run.running && !run.timer && run.lastRunAt < cutoff) state.runs.delete(orgId);
  }
}
