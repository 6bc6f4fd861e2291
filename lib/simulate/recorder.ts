// What a traffic run saw, from the client's side: every answer's status, the
// decision in it and how long it took (request sent → response read), overall
// and per scenario. Kept lean: one float per request, a few counters.

export type TLatency = { count: number; mean: number; p50: number; p95: number; p99: number; max: number };
export type TTally = {
  sent: number;
  statuses: Record<string, number>;
  decisions: Record<string, number>;
  /** Reason codes of the answers that were not ALLOW: why the rules flagged them. */
  flaggedBy: Record<string, number>;
  latency: TLatency;
};
export type TAnswer = { status: number | string; decision?: string; reasons?: readonly string[] };
export type TRunSummary = TTally & {
  /** Requests not sent because `maxInFlight` were already waiting (the client, not the server, was the limit). */
  skipped: number;
  seconds: number;
  /** Answers per second over the run. */
  achievedRate: number;
  byScenario: Record<string, TTally>;
  /** Latency by when the request was sent, per window (default 5 s): shows a server that degrades as an attack grows. */
  windows: { fromSecond: number; count: number; p50: number; p95: number; max: number }[];
};

/** Nearest-rank percentiles of millisecond samples (0 when there are none), rounded to 0.1 ms. */
export function latencyOf(samples: ArrayLike<number>): TLatency {
  const n = samples.length;
  if (n === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  const r = (v: number) => Math.round(v * 10) / 10;
  return { count: n, mean: r(sum / n), p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), max: r(sorted[n - 1]) };
}

class Tally {
  sent = 0;
  statuses: Record<string, number> = {};
  decisions: Record<string, number> = {};
  flaggedBy: Record<string, number> = {};
  private samples = new Float64Array(1024);
  private n = 0;

  add({ status, decision, reasons }: TAnswer, ms: number) {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    if (decision) this.decisions[decision] = (this.decisions[decision] ?? 0) + 1;
    if (decision && decision !== 'ALLOW') for (const code of reasons ?? []) this.flaggedBy[code] = (this.flaggedBy[code] ?? 0) + 1;
    if (this.n === this.samples.length) {
      const bigger = new Float64Array(this.n * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.n++] = ms;
  }

  get answered() {
    return this.n;
  }

  latency(): TLatency {
    return latencyOf(this.samples.subarray(0, this.n));
  }

  summary(): TTally {
    return { sent: this.sent, statuses: { ...this.statuses }, decisions: { ...this.decisions }, flaggedBy: { ...this.flaggedBy }, latency: this.latency() };
  }
}

export class TrafficRecorder {
  private all = new Tally();
  private scenarios = new Map<string, Tally>();
  private byWindow = new Map<number, number[]>();
  private startedAt = 0;
  private endedAt = 0;
  skipped = 0;

  constructor(private readonly windowMs = 5_000) {}

  private of(scenario: string) {
    let t = this.scenarios.get(scenario);
    if (!t) this.scenarios.set(scenario, (t = new Tally()));
    return t;
  }

  start(at = performance.now()) {
    this.startedAt ||= at;
  }

  stop(at = performance.now()) {
    this.endedAt = at;
  }

  sent(scenario: string) {
    this.all.sent++;
    this.of(scenario).sent++;
  }

  /** One answer (or a network error as the status, e.g. "ECONNREFUSED") to a request sent at `sentAt` (performance.now()). */
  answered(scenario: string, answer: TAnswer, ms: number, sentAt = performance.now() - ms) {
    this.all.add(answer, ms);
    this.of(scenario).add(answer, ms);
    const w = Math.max(0, Math.floor((sentAt - this.startedAt) / this.windowMs));
    let list = this.byWindow.get(w);
    if (!list) this.byWindow.set(w, (list = []));
    list.push(ms);
  }

  get inFlight() {
    return this.all.sent - this.all.answered;
  }

  summary(): TRunSummary {
    const seconds = Math.max(0.001, ((this.endedAt || performance.now()) - this.startedAt) / 1000);
    return {
      ...this.all.summary(),
      skipped: this.skipped,
      seconds: Math.round(seconds * 10) / 10,
      achievedRate: Math.round((this.all.answered / seconds) * 10) / 10,
      byScenario: Object.fromEntries([...this.scenarios].map(([name, t]) => [name, t.summary()])),
      windows: [...this.byWindow]
        .sort(([a], [b]) => a - b)
        .map(([w, list]) => {
          const { count, p50, p95, max } = latencyOf(list);
          return { fromSecond: (w * this.windowMs) / 1000, count, p50, p95, max };
        }),
    };
  }
}

const counts = (r: Record<string, number>) => Object.entries(r).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';

/** "[12s/60s] sent 2,400 · 201 2,399 · ALLOW 1,800, BLOCK 599 · p95 12.3 ms · 3 in flight" */
export function progressLine(recorder: TrafficRecorder, elapsedSeconds: number, durationSeconds: number): string {
  const s = recorder.summary();
  return `[${Math.floor(elapsedSeconds)}s/${durationSeconds}s] sent ${s.sent} · ${counts(s.statuses)} · ${counts(s.decisions)} · p95 ${s.latency.p95} ms · ${recorder.inFlight} in flight${s.skipped ? ` · ${s.skipped} skipped` : ''}`;
}

/** The closing summary, several lines, for people. */
export function summaryText(s: TRunSummary): string {
  const l = s.latency;
  const lines = [
    `sent ${s.sent} in ${s.seconds} s (${s.achievedRate} answers/s)${s.skipped ? `, ${s.skipped} skipped at the in-flight limit` : ''}`,
    `status:   ${counts(s.statuses)}`,
    `decision: ${counts(s.decisions)}`,
    `latency:  p50 ${l.p50} ms · p95 ${l.p95} ms · p99 ${l.p99} ms · max ${l.max} ms`,
  ];
  const names = Object.keys(s.byScenario);
  if (names.length > 1) for (const name of names) lines.push(`  ${name}: sent ${s.byScenario[name].sent} · ${counts(s.byScenario[name].decisions)} · p95 ${s.byScenario[name].latency.p95} ms`);
  return lines.join('\n');
}
