import type { TAttackConfig } from './config';
import type { TAttackSignal, TAttackTrigger } from './schema';

// The detector's decisions, free of I/O so they can be tested on their own.
// The numbers come from PostgreSQL (signals.ts), measured on its clock.

/** What the detection window shows. */
export type TWindowSignals = {
  attempts: number;
  declined: number;
  /** The IP with the most distinct cards in the window. */
  topIp: { value: string; cards: number } | null;
  /** The BIN with the most distinct cards in the window, its attempts, and how many failed (declined or blocked). */
  topBin: { value: string; cards: number; attempts: number; failed: number } | null;
};

/** The org's usual traffic: the previous `baselineHours`, the window excluded. */
export type TBaseline = { attempts: number; declined: number };

const round = (n: number) => Math.round(n * 1000) / 1000;

export function declineRatio(w: { attempts: number; declined: number }): number {
  return w.attempts === 0 ? 0 : w.declined / w.attempts;
}

/** The baseline is only read when it can change the answer: enough volume and a high decline ratio. */
export function needsBaseline(w: TWindowSignals, config: TAttackConfig): boolean {
  return w.attempts >= config.minAttempts && declineRatio(w) >= config.minDeclineRatio;
}

/** The baseline decline ratio, or the default when the org has too little history to have one. */
export function baselineRatio(b: TBaseline, config: TAttackConfig): number {
  return b.attempts >= config.minBaselineAttempts ? declineRatio(b) : config.defaultBaselineDeclineRatio;
}

/**
 * Why an incident should open, or null. Volume alone never opens one (a flash
 * sale): it takes at least `minAttempts` in the window AND a second signal —
 * a decline ratio well above the org's baseline, many cards from one IP, or
 * many cards on one BIN that mostly fail.
 */
export function openingTrigger(w: TWindowSignals, baseline: TBaseline | null, config: TAttackConfig): TAttackTrigger | null {
  if (w.attempts < config.minAttempts) return null;
  const signals: TAttackSignal[] = [];
  const ratio = declineRatio(w);
  if (baseline && ratio >= config.minDeclineRatio) {
    const base = baselineRatio(baseline, config);
    // Rounded like what is stored: 3 × 0.1 must not become 0.30000000000000004 > 0.3.
    const threshold = round(Math.max(config.minDeclineRatio, config.baselineMultiplier * base));
    if (round(ratio) >= threshold) {
      signals.push({ kind: 'decline_ratio', observed: round(ratio), threshold: round(threshold), baseline: round(base), baselineAttempts: baseline.attempts });
    }
  }
  if (w.topIp && w.topIp.cards >= config.ipDistinctCards) {
    signals.push({ kind: 'ip_distinct_cards', value: w.topIp.value, observed: w.topIp.cards, threshold: config.ipDistinctCards });
  }
  const binFailed = w.topBin ? round(w.topBin.failed / w.topBin.attempts) : 0;
  if (w.topBin && w.topBin.cards >= config.binDistinctCards && binFailed >= config.minDeclineRatio && w.topBin.failed >= config.binMinFailed) {
    signals.push({
      kind: 'bin_distinct_cards',
      value: w.topBin.value,
      observed: w.topBin.cards,
      threshold: config.binDistinctCards,
      failedRatio: binFailed,
      minFailedRatio: config.minDeclineRatio,
    });
  }
  if (signals.length === 0) return null;
  return { windowSeconds: config.windowSeconds, attempts: { observed: w.attempts, threshold: config.minAttempts }, signals };
}

/**
 * What to do with the open incident: close it once its attributed traffic
 * has stopped (`recent`: attributed attempts of the last quiet period, see
 * attribution.ts recentAttributed), refresh its counters (at most every
 * `updateIntervalMs`), or leave it.
 */
export function decideOpenIncident(state: { recent: number; msSinceUpdate: number }, config: TAttackConfig): 'close' | 'update' | 'wait' {
  if (state.recent < config.quietMaxAttempts) return 'close';
  if (state.msSinceUpdate >= config.updateIntervalMs) return 'update';
  return 'wait';
}
