import { describe, expect, it } from 'vitest';
import { formatAmount, formatWindow, velocityMessage } from './messages';
import { baseInput } from './test-fixtures';

describe('messages', () => {
  it('writes windows as a person would', () => {
    expect([45, 60, 600, 1800, 3600, 21_600, 86_400, 604_800, 90].map(formatWindow)).toEqual(['45 s', '1 min', '10 min', '30 min', '1 h', '6 h', '24 h', '7 d', '90 s']);
  });

  it('formats amounts in the currency\'s own minor units', () => {
    expect(formatAmount(50, 'EUR')).toBe('€0.50');
    expect(formatAmount(500, 'JPY')).toBe('¥500');
  });

  it('names the subject of each key', () => {
    const input = { ...baseInput, deviceId: 'dev_9', customerId: 'cus_9' };
    expect(velocityMessage({ key: 'card', metric: 'declines', windowSeconds: 86_400, observed: 4 }, '>', 3, input)).toBe('4 declines on card •••• 4242 in 24 h > 3');
    expect(velocityMessage({ key: 'bin', metric: 'attempts', windowSeconds: 600, observed: 31 }, '>', 30, input)).toBe('31 attempts on BIN 424242 in 10 min > 30');
    expect(velocityMessage({ key: 'email', metric: 'attempts', windowSeconds: 3600, observed: 1 }, '>=', 1, input)).toBe('1 attempt from email jane@example.com in 1 h ≥ 1');
    expect(velocityMessage({ key: 'device', metric: 'distinct_cards', windowSeconds: 3600, observed: 3 }, '>', 2, input)).toBe('3 distinct cards from device dev_9 in 1 h > 2');
    expect(velocityMessage({ key: 'customer', metric: 'amount_sum', windowSeconds: 86_400, observed: 123_456 }, '>', 100_000, input)).toBe('€1,234.56 in total from customer cus_9 in 24 h > €1,000.00');
  });

  it('reads capped counts the same way everywhere: a lower bound ends in "+"', () => {
    const ip = { key: 'ip' as const, windowSeconds: 600 };
    expect(velocityMessage({ ...ip, metric: 'attempts', observed: 201 }, '>', 30, baseInput)).toBe('200+ attempts from IP 203.0.113.7 in 10 min > 30');
    expect(velocityMessage({ ...ip, metric: 'distinct_cards', observed: 176, capped: true }, '>', 5, baseInput)).toBe('176+ distinct cards from IP 203.0.113.7 in 10 min > 5');
    expect(velocityMessage({ ...ip, metric: 'distinct_cards', observed: 176 }, '>', 5, baseInput)).toBe('176 distinct cards from IP 203.0.113.7 in 10 min > 5');
  });
});
