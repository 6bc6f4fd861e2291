import { describe, expect, it } from 'vitest';
import { indicatorsAtOpening, mergeIndicators, recentAttributed, sameAttack } from './attribution';
import type { TAttackIndicators, TAttackTrigger } from './schema';

const trigger = (signals: TAttackTrigger['signals']): TAttackTrigger => ({ windowSeconds: 120, attempts: { observed: 30, threshold: 10 }, signals });
const ipSignal = (value: string) => ({ kind: 'ip_distinct_cards' as const, value, observed: 9, threshold: 5 });
const binSignal = (value: string) => ({ kind: 'bin_distinct_cards' as const, value, observed: 12, threshold: 8, failedRatio: 0.8, minFailedRatio: 0.3 });
const declineSignal = { kind: 'decline_ratio' as const, observed: 0.6, threshold: 0.3, baseline: 0.05, baselineAttempts: 400 };
const ind = (over: Partial<TAttackIndicators>): TAttackIndicators => ({ ips: [], devices: [], bins: [], failures: false, ...over });

describe('attribution', () => {
  it('follows the entities that opened the incident, or the decline pattern when there are none', () => {
    expect(indicatorsAtOpening({ ips: ['203.0.113.9'], devices: ['dev_bot'], bins: [] }, trigger([ipSignal('203.0.113.8')]))).toEqual(
      ind({ ips: ['203.0.113.8', '203.0.113.9'], devices: ['dev_bot'] }),
    );
    expect(indicatorsAtOpening({ ips: [], devices: [], bins: [] }, trigger([declineSignal]))).toEqual(ind({ failures: true }));
  });

  it('lets the attack’s new addresses join while it is open, up to the cap', () => {
    const grown = mergeIndicators(ind({ ips: ['a'] }), { ips: ['b', 'a'], devices: [], bins: ['453201'] }, { maxIndicators: 200 });
    expect(grown).toEqual(ind({ ips: ['a', 'b'], bins: ['453201'] }));
    const many = Array.from({ length: 500 }, (_, i) => `198.51.100.${i}`);
    expect(mergeIndicators(ind({}), { ips: many, devices: [], bins: [] }, { maxIndicators: 200 }).ips).toHaveLength(200);
    // A decline-pattern incident starts following entities once it has some.
    expect(mergeIndicators(ind({ failures: true }), { ips: ['c'], devices: [], bins: [] }, { maxIndicators: 200 }).failures).toBe(false);
  });

  it('resumes the same attack (an IP, a device, or its BIN signal again), not a different one on a shared BIN', () => {
    const previous = ind({ ips: ['203.0.113.8'], devices: ['dev_bot'], bins: ['453201'] });
    expect(sameAttack(previous, ind({ ips: ['203.0.113.8'] }), trigger([ipSignal('203.0.113.8')]))).toBe(true);
    expect(sameAttack(previous, ind({ devices: ['dev_bot'], ips: ['198.51.100.1'] }), trigger([ipSignal('198.51.100.1')]))).toBe(true);
    expect(sameAttack(previous, ind({ bins: ['453201'] }), trigger([binSignal('453201')]))).toBe(true);
    expect(sameAttack(previous, ind({ ips: ['198.51.100.1'], bins: ['453201'] }), trigger([ipSignal('198.51.100.1')]))).toBe(false);
    expect(sameAttack(ind({ failures: true }), ind({ failures: true }), trigger([declineSignal]))).toBe(true);
  });

  it('closes a decline-pattern incident once failures are back to the shop’s usual share', () => {
    const pattern = ind({ failures: true });
    // 60 attempts in the quiet period, 5 % usually declined: 3 failures are ordinary, not the attack.
    expect(recentAttributed(pattern, { attributed: 3, all: 60 }, 0.05)).toBe(0);
    expect(recentAttributed(pattern, { attributed: 40, all: 60 }, 0.05)).toBe(37);
    expect(recentAttributed(ind({ ips: ['a'] }), { attributed: 2, all: 60 }, 0.05)).toBe(2);
  });
});
