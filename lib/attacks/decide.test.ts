import { describe, expect, it } from 'vitest';
import { ATTACK_CONFIG } from './config';
import { decideOpenIncident, needsBaseline, openingTrigger, type TWindowSignals } from './decide';

const config = { ...ATTACK_CONFIG };
const win = (over: Partial<TWindowSignals>): TWindowSignals => ({ attempts: 25, declined: 2, topIp: null, topBin: null, ...over });
const kinds = (t: ReturnType<typeof openingTrigger>) => t?.signals.map((s) => s.kind);

describe('openingTrigger', () => {
  it('never opens on volume alone: a flash sale with normal declines', () => {
    // Every card on one popular BIN, and they go through.
    const w = win({ attempts: 400, declined: 30, topIp: { value: '198.51.100.1', cards: 1 }, topBin: { value: '424242', cards: 400, attempts: 400, failed: 30 } });
    expect(needsBaseline(w, config)).toBe(false);
    expect(openingTrigger(w, null, config)).toBeNull();
  });

  it('needs the minimum attempts, whatever the other signals', () => {
    expect(openingTrigger(win({ attempts: 9, declined: 9, topIp: { value: 'x', cards: 9 } }), { attempts: 0, declined: 0 }, config)).toBeNull();
  });

  it('opens on a decline ratio well above the baseline, and records observed vs threshold', () => {
    const t = openingTrigger(win({ attempts: 20, declined: 12 }), { attempts: 1000, declined: 50 }, config);
    expect(t).toEqual({
      windowSeconds: 120,
      attempts: { observed: 20, threshold: 10 },
      signals: [{ kind: 'decline_ratio', observed: 0.6, threshold: 0.3, baseline: 0.05, baselineAttempts: 1000 }],
    });
  });

  it('does not open when the org usually declines that much (3 × baseline not reached)', () => {
    expect(openingTrigger(win({ attempts: 20, declined: 8 }), { attempts: 1000, declined: 200 }, config)).toBeNull();
    const t = openingTrigger(win({ attempts: 20, declined: 13 }), { attempts: 1000, declined: 200 }, config);
    expect(t?.signals[0]).toMatchObject({ kind: 'decline_ratio', threshold: 0.6 });
  });

  it('uses the default baseline when the org has too little history', () => {
    const t = openingTrigger(win({ attempts: 10, declined: 3 }), { attempts: 5, declined: 5 }, config);
    expect(t?.signals[0]).toMatchObject({ kind: 'decline_ratio', baseline: 0.1, threshold: 0.3 });
  });

  it('opens on many cards from one IP, or many cards on a dominant BIN', () => {
    expect(kinds(openingTrigger(win({ topIp: { value: '203.0.113.7', cards: 5 } }), null, config))).toEqual(['ip_distinct_cards']);
    expect(kinds(openingTrigger(win({ topIp: { value: '203.0.113.7', cards: 4 } }), null, config))).toBeUndefined();
    const bin = openingTrigger(win({ topBin: { value: '411111', cards: 8, attempts: 20, failed: 6 } }), null, config);
    expect(bin?.signals).toEqual([{ kind: 'bin_distinct_cards', value: '411111', observed: 8, threshold: 8, failedRatio: 0.3, minFailedRatio: 0.3 }]);
    // 3 of a popular BIN's shoppers declined in one window: 30 %, by chance, not an attack (too few failures).
    expect(openingTrigger(win({ topBin: { value: '424242', cards: 8, attempts: 10, failed: 3 } }), null, config)).toBeNull();
    expect(openingTrigger(win({ topBin: { value: '424242', cards: 8, attempts: 8, failed: 5 } }), null, config)).toBeNull();
    expect(openingTrigger(win({ topBin: { value: '411111', cards: 7, attempts: 10, failed: 10 } }), null, config)).toBeNull();
    // Many cards on a BIN that go through are a busy bank, not an enumeration.
    expect(openingTrigger(win({ topBin: { value: '411111', cards: 20, attempts: 20, failed: 2 } }), null, config)).toBeNull();
  });

  it('lists every signal that held', () => {
    const t = openingTrigger(
      win({ attempts: 25, declined: 20, topIp: { value: '203.0.113.7', cards: 25 }, topBin: { value: '411111', cards: 25, attempts: 25, failed: 20 } }),
      { attempts: 0, declined: 0 },
      config,
    );
    expect(kinds(t)).toEqual(['decline_ratio', 'ip_distinct_cards', 'bin_distinct_cards']);
  });
});

describe('decideOpenIncident', () => {
  it('closes after the quiet period: fewer than 3 attempts in the last 60 s', () => {
    expect(decideOpenIncident({ recent: 2, msSinceUpdate: 100 }, config)).toBe('close');
    expect(decideOpenIncident({ recent: 0, msSinceUpdate: 60_000 }, config)).toBe('close');
  });

  it('refreshes the counters at most every 2 s while attempts continue', () => {
    expect(decideOpenIncident({ recent: 3, msSinceUpdate: 1_999 }, config)).toBe('wait');
    expect(decideOpenIncident({ recent: 3, msSinceUpdate: 2_000 }, config)).toBe('update');
  });

  it('follows the configuration', () => {
    const fast = { ...config, quietMaxAttempts: 1, updateIntervalMs: 500 };
    expect(decideOpenIncident({ recent: 1, msSinceUpdate: 600 }, fast)).toBe('update');
    expect(decideOpenIncident({ recent: 0, msSinceUpdate: 0 }, fast)).toBe('close');
  });
});
