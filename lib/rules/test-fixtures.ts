import type { TTransactionInput } from '@/lib/detections/schema';
import { DEFAULT_RULES } from './defaults';
import { featureId, type TAggregate, type TFeatureKey } from './features';
import type { TRuleSpec } from './schema';

// Shared by the unit tests of the pure evaluation (not shipped code paths).

export const baseInput: TTransactionInput = {
  externalId: 'pi_1',
  amount: 4999,
  currency: 'EUR',
  ip: '203.0.113.7',
  email: 'jane@example.com',
  card: { fingerprint: 'fp_1', bin: '424242', last4: '4242' },
  authStatus: 'authorized',
};

export const defaultRules = (): TRuleSpec[] => DEFAULT_RULES.map((r) => ({ ...r, id: `id_${r.key}` }));

export const ruleByKey = (key: string, overrides: Partial<TRuleSpec> = {}): TRuleSpec => {
  const r = defaultRules().find((x) => x.key === key);
  if (!r) throw new Error(`no default rule ${key}`);
  return { ...r, ...overrides };
};

/** Feature values as computed by SQL, e.g. values(['ip', 'distinct_cards', 600, 4]). */
export const values = (...entries: [TFeatureKey, TAggregate, number, number][]) =>
  new Map(entries.map(([key, aggregate, w, n]) => [featureId(key, aggregate, w), n]));
