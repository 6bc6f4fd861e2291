import { describe, expect, it } from 'vitest';
import { latencyOf, TrafficRecorder } from './recorder';

describe('traffic recorder', () => {
  it('gives nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(latencyOf(samples)).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(latencyOf([])).toMatchObject({ count: 0, p95: 0 });
  });

  it('counts statuses and decisions overall and per scenario', () => {
    const r = new TrafficRecorder();
    r.start(0);
    const answers = [
      ['normal', { status: 201, decision: 'ALLOW', reasons: ['high_amount'] }],
      ['card-testing', { status: 201, decision: 'BLOCK', reasons: ['ip_velocity', 'declined'] }],
      ['card-testing', { status: 'ECONNRESET' }],
    ] as const;
    for (const [scenario, answer] of answers) {
      r.sent(scenario);
      r.answered(scenario, answer, 10, 5);
    }
    r.stop(1_000);
    const s = r.summary();
    expect(s).toMatchObject({ sent: 3, statuses: { 201: 2, ECONNRESET: 1 }, decisions: { ALLOW: 1, BLOCK: 1 }, seconds: 1, achievedRate: 3 });
    expect(s.byScenario['card-testing']).toMatchObject({ sent: 2, decisions: { BLOCK: 1 }, flaggedBy: { ip_velocity: 1, declined: 1 } });
    expect(s.byScenario.normal.flaggedBy).toEqual({}); // ALLOW: its reasons did not flag it
    expect(r.inFlight).toBe(0);
    expect(s.windows).toEqual([{ fromSecond: 0, count: 3, p50: 10, p95: 10, max: 10 }]);
  });
});
