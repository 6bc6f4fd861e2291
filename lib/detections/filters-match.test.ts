import { describe, expect, it } from 'vitest';
import { ZDetectionFiltersSchema } from './filters';
import { detectionMatchesFilters } from './filters-match';
import type { TDetection } from './schema';
import { makeDetection } from './test-fixtures';

// Filters are given as the URL gives them and parsed by the list's own
// schema, so each case also checks that parsing and matching agree.
const matches = (d: TDetection, raw: Record<string, string>) => detectionMatchesFilters(d, ZDetectionFiltersSchema.parse(raw));

const base = makeDetection({
  id: 'd1',
  externalId: 'pi_42',
  amount: 4999,
  score: 55,
  decision: 'REVIEW',
  reasons: [
    { code: 'ip_distinct_cards_1h', message: '6 distinct cards from IP 203.0.113.7 in 1 h > 5' },
    { code: 'score_threshold', message: 'Score 55 ≥ 50' },
  ],
  shadow: [{ code: 'big_amount_shadow', message: 'would block', mode: 'shadow' }],
  email: 'jane@example.com',
  ip: '2001:db8::7',
  customerId: 'cus_1',
  deviceId: 'dev_1',
  card: { bin: '424242', last4: '4242', fingerprint: 'fp_1', country: 'FR' },
  createdAt: '2026-11-30T10:00:00.000Z',
});

describe('detectionMatchesFilters', () => {
  it('matches everything with no filter', () => {
    expect(matches(base, {})).toBe(true);
  });

  it('matches each key exactly', () => {
    expect(matches(base, { cardFingerprint: 'fp_1' })).toBe(true);
    expect(matches(base, { cardFingerprint: 'fp_10' })).toBe(false);
    expect(matches(base, { bin: '424242' })).toBe(true);
    expect(matches(base, { bin: '42424' + '3' })).toBe(false);
    expect(matches(base, { customerId: 'cus_1' })).toBe(true);
    expect(matches(base, { customerId: 'CUS_1' })).toBe(false);
    expect(matches(base, { deviceId: 'dev_1' })).toBe(true);
    expect(matches(base, { deviceId: 'dev' })).toBe(false);
    expect(matches(base, { externalId: 'pi_42' })).toBe(true);
    expect(matches(base, { externalId: 'pi_4' })).toBe(false);
  });

  it('compares an IPv6 address in its normalised lower-case form, and IPv4 exactly', () => {
    expect(matches(base, { ip: '2001:DB8:0:0:0:0:0:7' })).toBe(true);
    expect(matches(base, { ip: '2001:db8::8' })).toBe(false);
    const v4 = { ...base, ip: '203.0.113.7' };
    expect(matches(v4, { ip: '203.0.113.7' })).toBe(true);
    expect(matches(v4, { ip: '203.0.113.70' })).toBe(false);
    expect(matches({ ...base, ip: null }, { ip: '203.0.113.7' })).toBe(false);
  });

  it('compares emails lower-case', () => {
    expect(matches(base, { email: 'Jane@Example.com' })).toBe(true);
    expect(matches(base, { email: 'john@example.com' })).toBe(false);
    expect(matches({ ...base, email: null }, { email: 'jane@example.com' })).toBe(false);
  });

  it('matches a decision, given in any case', () => {
    expect(matches(base, { decision: 'review' })).toBe(true);
    expect(matches(base, { decision: 'BLOCK' })).toBe(false);
  });

  it('matches a rule when any reason has that code; shadow verdicts are not reasons', () => {
    expect(matches(base, { rule: 'ip_distinct_cards_1h' })).toBe(true);
    expect(matches(base, { rule: 'list_block' })).toBe(false);
    expect(matches(base, { rule: 'big_amount_shadow' })).toBe(false);
  });

  it('treats pending as REVIEW without a review (a claim is still pending)', () => {
    expect(matches(base, { reviewStatus: 'pending' })).toBe(true);
    const claimed = { ...base, review: { status: 'pending' as const, by: null, at: null, note: null, verdict: null, claim: { userId: 'u', name: null, email: null, until: '2026-11-30T10:05:00.000Z' } } };
    expect(matches(claimed, { reviewStatus: 'pending' })).toBe(true);
    expect(matches({ ...base, decision: 'ALLOW' }, { reviewStatus: 'pending' })).toBe(false);
    const approved = { ...base, decision: 'ALLOW' as const, review: { status: 'approved' as const, by: 'u', at: base.createdAt, note: null, verdict: null, claim: null } };
    expect(matches(approved, { reviewStatus: 'pending' })).toBe(false);
    expect(matches(approved, { reviewStatus: 'approved' })).toBe(true);
    expect(matches(approved, { reviewStatus: 'blocked' })).toBe(false);
    expect(matches(base, { reviewStatus: 'approved' })).toBe(false);
  });

  it('includes both ends of the score and amount ranges', () => {
    expect(matches(base, { minScore: '55', maxScore: '55' })).toBe(true);
    expect(matches(base, { minScore: '56' })).toBe(false);
    expect(matches(base, { maxScore: '54' })).toBe(false);
    expect(matches(base, { minAmount: '4999', maxAmount: '4999' })).toBe(true);
    expect(matches(base, { minAmount: '5000' })).toBe(false);
    expect(matches(base, { maxAmount: '4998' })).toBe(false);
  });

  it('includes from and excludes to, whatever the offset they are written with', () => {
    expect(matches(base, { from: '2026-11-30T10:00:00Z' })).toBe(true);
    expect(matches(base, { from: '2026-11-30T11:00:00+01:00' })).toBe(true);
    expect(matches(base, { from: '2026-11-30T10:00:00.001Z' })).toBe(false);
    expect(matches(base, { to: '2026-11-30T10:00:00Z' })).toBe(false);
    expect(matches(base, { to: '2026-11-30T10:00:00.001Z' })).toBe(true);
    expect(matches(base, { from: '2026-11-30T09:00:00Z', to: '2026-11-30T11:00:00Z' })).toBe(true);
  });

  it('combines filters with AND', () => {
    expect(matches(base, { ip: '2001:db8::7', decision: 'REVIEW', minScore: '50' })).toBe(true);
    expect(matches(base, { ip: '2001:db8::7', decision: 'BLOCK' })).toBe(false);
    expect(matches(base, { email: 'jane@example.com', maxAmount: '100' })).toBe(false);
  });
});
