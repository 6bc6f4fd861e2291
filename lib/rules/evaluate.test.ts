import { describe, expect, it } from 'vitest';
import { containsCardNumber } from '@/lib/card-number';
import { compare, evaluateRule, evaluateRules, toReason } from './evaluate';
import { baseInput, defaultRules, ruleByKey, values } from './test-fixtures';
import { planVelocity } from './velocity-plan';

describe('evaluateRule', () => {
  it('compares with >, >= and <', () => {
    expect([compare('>', 5, 5), compare('>=', 5, 5), compare('<', 4, 5), compare('<', 5, 5)]).toEqual([false, true, true, false]);
  });

  it('fires on more distinct cards per IP than the threshold, with the observed value in the message', () => {
    const rule = ruleByKey('ip_distinct_cards_10m');
    expect(evaluateRule(rule, baseInput, values(['ip', 'distinct_cards', 600, 3]))).toBeNull();
    const fired = evaluateRule(rule, { ...baseInput, ip: '203.0.113.7' }, values(['ip', 'distinct_cards', 600, 12]));
    expect(fired?.observed).toBe(12);
    expect(fired?.message).toBe('12 distinct cards from IP 203.0.113.7 in 10 min > 3');
  });

  it('gives the stored reason: code, message, rule, observed, threshold, action and mode', () => {
    const fired = evaluateRule(ruleByKey('ip_distinct_cards_10m'), baseInput, values(['ip', 'distinct_cards', 600, 4]))!;
    expect(toReason(fired)).toEqual({
      code: 'ip_distinct_cards_10m',
      message: '4 distinct cards from IP 203.0.113.7 in 10 min > 3 → +30 points',
      ruleId: 'id_ip_distinct_cards_10m',
      observed: 4,
      threshold: 3,
      action: 'SCORE',
      mode: 'active',
      text: { kind: 'rule', action: 'SCORE', points: 30, condition: { feature: 'ip.distinct_cards', windowSeconds: 600, operator: '>', threshold: 3, held: true, observed: 4, subject: '203.0.113.7' } },
    });
    expect(toReason({ ...fired, rule: ruleByKey('ip_distinct_cards_1h') }, 'shadow')).toMatchObject({ action: 'BLOCK', mode: 'shadow' });
  });

  it('evaluates a decline ratio only from 4 attempts', () => {
    const rule = ruleByKey('ip_decline_ratio_30m');
    expect(evaluateRule(rule, baseInput, values(['ip', 'attempts', 1800, 3], ['ip', 'declines', 1800, 3]))).toBeNull();
    const fired = evaluateRule(rule, baseInput, values(['ip', 'attempts', 1800, 4], ['ip', 'declines', 1800, 3]));
    expect(fired?.observed).toBe(0.75);
    expect(fired?.message).toBe('75% of attempts declined (3 of 4) from IP 203.0.113.7 in 30 min > 50%');
    expect(evaluateRule(rule, baseInput, values(['ip', 'attempts', 1800, 4], ['ip', 'declines', 1800, 2]))).toBeNull();
  });

  it('stores a ratio rounded, so no stored reason reads as a card number', () => {
    // 30 of 43 is 0.6976744186046512: its 16 decimals pass the Luhn check as a Discover-like PAN.
    const fired = evaluateRule(ruleByKey('ip_decline_ratio_30m'), baseInput, values(['ip', 'attempts', 1800, 43], ['ip', 'declines', 1800, 30]))!;
    const reason = toReason(fired);
    expect(reason.observed).toBe(0.6977);
    expect(reason.text).toMatchObject({ condition: { observed: 0.6977, attempts: 43, declines: 30 } });
    expect(containsCardNumber(JSON.stringify(reason))).toBe(false);
  });

  it('compares the attempt\'s own amount', () => {
    expect(evaluateRule(ruleByKey('micro_amount'), { ...baseInput, amount: 50 }, new Map())?.message).toBe('Amount €0.50 < €1.00');
    expect(evaluateRule(ruleByKey('micro_amount'), { ...baseInput, amount: 100 }, new Map())).toBeNull();
    expect(evaluateRule(ruleByKey('high_amount'), { ...baseInput, amount: 600_000 }, new Map())?.message).toBe('Amount €6,000.00 > €5,000.00');
    expect(evaluateRule(ruleByKey('high_amount'), { ...baseInput, amount: 600_000, currency: 'JPY' }, new Map())?.message).toBe('Amount ¥600,000 > ¥500,000');
  });

  it('does not evaluate a velocity rule whose key the attempt lacks', () => {
    const input = { externalId: 'x', amount: 500, currency: 'USD' };
    const all = values(['ip', 'attempts', 1800, 50], ['ip', 'distinct_cards', 3600, 50], ['card', 'declines', 86_400, 50], ['bin', 'attempts', 600, 50]);
    expect(planVelocity(defaultRules(), input)).toEqual([]);
    expect(evaluateRules(defaultRules(), input, new Map())).toEqual([]);
    // Even with values present (they would not be computed), nothing keyed on a missing value fires.
    expect(evaluateRules(defaultRules().filter((r) => r.feature !== 'amount'), input, all)).toEqual([]);
  });

  it('lets ordinary traffic through: nothing fires for one IP, one card and a couple of payments', () => {
    const ordinary = values(
      ['ip', 'attempts', 1800, 2], ['ip', 'distinct_cards', 3600, 1], ['ip', 'distinct_cards', 600, 1], ['ip', 'declines', 1800, 0],
      ['card', 'attempts', 21_600, 2], ['card', 'declines', 86_400, 0], ['bin', 'attempts', 600, 2], ['email', 'attempts', 3600, 2],
    );
    expect(evaluateRules(defaultRules(), baseInput, ordinary)).toEqual([]);
  });
});
