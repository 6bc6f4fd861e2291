import { distribution } from './stats';

// Timing for the scale bench: the same read on several organizations, their
// requests alternating (big, small, big, small…), so that a load spike on
// this shared machine hits both sides of the comparison alike.

export type TTiming = { p50: number; p95: number; max: number; samples: number };

export const SAMPLES = 30;
const WARM_UP = 3;
/** A read that answers in seconds would take minutes for 30 samples: past this budget, stop at MIN_SAMPLES. */
const BUDGET_MS = 45_000;
const MIN_SAMPLES = 10;

/** Sequential calls after a warm-up of each, alternating between `fns`; one distribution per fn. */
export async function timeAlternately(fns: (() => Promise<unknown>)[], samples = SAMPLES): Promise<TTiming[]> {
  for (let i = 0; i < WARM_UP; i++) for (const fn of fns) await fn();
  const ms: number[][] = fns.map(() => []);
  const started = performance.now();
  for (let i = 0; i < samples && (i < MIN_SAMPLES || performance.now() - started < BUDGET_MS); i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      ms[k].push(performance.now() - t);
    }
  }
  return ms.map((xs) => {
    const d = distribution(xs);
    return { p50: d.p50, p95: d.p95, max: d.max, samples: xs.length };
  });
}
