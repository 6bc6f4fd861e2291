import type { TDistribution } from './protocol';

/** Nearest-rank percentiles of millisecond samples; all zeros when there are none. */
export function distribution(samples: ArrayLike<number>): TDistribution {
  const n = samples.length;
  if (n === 0) return { count: 0, min: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  const round = (v: number) => Math.round(v * 10) / 10;
  return { count: n, min: round(sorted[0]), mean: round(sum / n), p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted[n - 1]) };
}

/** A growable array of numbers with little per-element overhead (one per delivery, up to millions). */
export class NumberLog {
  private data = new Float64Array(16);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  get(i: number): number {
    return this.data[i];
  }
  clear() {
    this.data = new Float64Array(16);
    this.length = 0;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const round1 = (v: number) => Math.round(v * 10) / 10;
