import { describe, expect, it } from 'vitest';
import { labelOf, latestAuthorization } from './label';

const at = (type: string, minute: number) => ({ id: `${type}-${minute}`, type, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() });

describe('labelOf', () => {
  it('is null without a labelling outcome', () => {
    expect(labelOf([])).toBeNull();
    expect(labelOf([at('authorized', 1), at('refunded', 2), at('declined', 3)])).toBeNull();
  });
  it('labels fraud for a chargeback, an early fraud warning or fraud_confirmed, legit for legit_confirmed', () => {
    for (const type of ['chargeback', 'early_fraud_warning', 'fraud_confirmed']) expect(labelOf([at(type, 1)])).toBe('fraud');
    expect(labelOf([at('legit_confirmed', 1)])).toBe('legit');
  });
  it('takes the latest labelling outcome, later non-labelling ones aside', () => {
    expect(labelOf([at('chargeback', 1), at('legit_confirmed', 2), at('refunded', 3)])).toBe('legit');
    expect(labelOf([at('legit_confirmed', 1), at('early_fraud_warning', 2)])).toBe('fraud');
  });
});

describe('latestAuthorization', () => {
  it('is the last authorized or declined outcome', () => {
    expect(latestAuthorization([at('refunded', 1)])).toBeNull();
    expect(latestAuthorization([at('authorized', 1), at('declined', 2), at('chargeback', 3)])?.type).toBe('declined');
  });
});
