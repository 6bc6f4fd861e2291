import { describe, expect, it } from 'vitest';
import { featureId } from './features';
import { baseInput, defaultRules, ruleByKey } from './test-fixtures';
import { planVelocity, readFeature } from './velocity-plan';

describe('planVelocity', () => {
  it('plans one subquery per key present, bounded by its largest window, each aggregate once', () => {
    const plans = planVelocity(defaultRules(), baseInput);
    expect(plans.map((p) => p.key)).toEqual(['ip', 'card', 'bin', 'email']);
    const ip = plans.find((p) => p.key === 'ip')!;
    expect(ip).toMatchObject({ column: 'ip', value: '203.0.113.7', maxWindowSeconds: 3600 });
    // Attempts ride along in every window: they tell whether its counts hit the row cap.
    expect(ip.aggregates).toEqual([
      { aggregate: 'attempts', windowSeconds: 1800 },
      { aggregate: 'distinct_cards', windowSeconds: 3600 },
      { aggregate: 'attempts', windowSeconds: 3600 },
      { aggregate: 'distinct_cards', windowSeconds: 600 },
      { aggregate: 'attempts', windowSeconds: 600 },
      { aggregate: 'declines', windowSeconds: 1800 },
    ]);
    expect(plans.find((p) => p.key === 'card')).toMatchObject({ column: 'card_fingerprint', value: 'fp_1', maxWindowSeconds: 86_400 });
  });

  it('skips keys the attempt does not carry and amount rules', () => {
    const plans = planVelocity(defaultRules(), { ...baseInput, email: undefined, card: undefined });
    expect(plans.map((p) => p.key)).toEqual(['ip']);
    expect(planVelocity([ruleByKey('micro_amount')], baseInput)).toEqual([]);
  });

  it('plans device and customer keys on their columns', () => {
    const rules = [
      { feature: 'device.distinct_cards' as const, windowSeconds: 3600, operator: '>' as const, threshold: 3 },
      { feature: 'customer.amount_sum' as const, windowSeconds: 86_400, operator: '>' as const, threshold: 3 },
    ];
    const plans = planVelocity(rules, { ...baseInput, deviceId: 'dev_1', customerId: 'cus_1' });
    expect(plans).toEqual([
      { key: 'device', column: 'device_id', value: 'dev_1', maxWindowSeconds: 3600, aggregates: [{ aggregate: 'distinct_cards', windowSeconds: 3600 }, { aggregate: 'attempts', windowSeconds: 3600 }] },
      { key: 'customer', column: 'customer_id', value: 'cus_1', maxWindowSeconds: 86_400, aggregates: [{ aggregate: 'amount_sum', windowSeconds: 86_400 }, { aggregate: 'attempts', windowSeconds: 86_400 }] },
    ]);
  });
});

describe('readFeature', () => {
  it('reads counts and derives the decline ratio', () => {
    const v = new Map([[featureId('ip', 'attempts', 600), 8], [featureId('ip', 'declines', 600), 6]]);
    expect(readFeature(v, 'ip', 'attempts', 600)).toEqual({ observed: 8 });
    const capped = new Map([[featureId('ip', 'distinct_cards', 600), 176], [featureId('ip', 'attempts', 600), 201]]);
    expect(readFeature(capped, 'ip', 'distinct_cards', 600)).toEqual({ observed: 176, capped: true });
    expect(readFeature(v, 'ip', 'decline_ratio', 600)).toEqual({ observed: 0.75, attempts: 8, declines: 6 });
    expect(readFeature(v, 'ip', 'attempts', 60)).toBeNull();
  });
});
