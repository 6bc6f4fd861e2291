import { describe, expect, it } from 'vitest';
import type { TTransactionInput } from '@/lib/detections/schema';
import { scoreTransaction } from './score';
import { NO_SIGNALS } from './signals';

const base: TTransactionInput = {
  externalId: 'pi_1',
  amount: 4999,
  currency: 'EUR',
  ip: '203.0.113.7',
  card: { fingerprint: 'fp_1', bin: '424242', last4: '4242' },
  authStatus: 'authorized',
};

describe('scoreTransaction', () => {
  it('allows an ordinary payment with no reasons', () => {
    const r = scoreTransaction(base, NO_SIGNALS);
    expect(r).toEqual({ score: 0, riskLevel: 'low', decision: 'ALLOW', reasons: [] });
  });

  it('blocks a card-testing pattern and says why with the observed values', () => {
    const r = scoreTransaction(
      { ...base, amount: 50, authStatus: 'declined', declineCode: 'card_declined' },
      { ipAttempts10m: 20, ipDistinctCards1h: 9, cardDeclines24h: 0, binAttempts10m: 2 },
    );
    expect(r.decision).toBe('BLOCK');
    expect(r.score).toBe(100);
    const codes = r.reasons.map((x) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['ip_distinct_cards', 'ip_velocity', 'micro_amount', 'declined']));
    expect(r.reasons.find((x) => x.code === 'ip_distinct_cards')?.message).toBe('10 distinct cards from IP 203.0.113.7 in the last hour (threshold 3)');
    expect(r.reasons.find((x) => x.code === 'ip_velocity')?.message).toContain('21 attempts');
  });

  it('sends a risky but not conclusive payment to review', () => {
    const r = scoreTransaction({ ...base, amount: 600_000 }, { ...NO_SIGNALS, ipAttempts10m: 4 });
    expect(r.reasons.map((x) => x.code)).toEqual(['high_amount', 'ip_velocity']);
    expect(r.score).toBe(55);
    expect(r.decision).toBe('REVIEW');
    expect(r.riskLevel).toBe('high');
    expect(r.reasons[0].message).toBe('High amount €6,000.00 (threshold €5,000.00)');
  });

  it('counts repeated declines on one card', () => {
    const r = scoreTransaction({ ...base, authStatus: 'declined' }, { ...NO_SIGNALS, cardDeclines24h: 3 });
    expect(r.reasons[0]).toEqual({ code: 'card_declines', message: '4 declines on card •••• 4242 in the last 24 hours (threshold 2)' });
    expect(r.score).toBe(50);
  });

  it('ignores IP rules without an IP and card rules without a card', () => {
    const r = scoreTransaction({ externalId: 'x', amount: 500, currency: 'USD' }, { ipAttempts10m: 50, ipDistinctCards1h: 50, cardDeclines24h: 50, binAttempts10m: 50 });
    expect(r.reasons).toEqual([]);
  });
});
