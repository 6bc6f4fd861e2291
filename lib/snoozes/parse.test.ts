import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseCreateSnooze } from './parse';

const NOW = Date.now();
const body = (overrides: Record<string, unknown> = {}) => ({ entityType: 'email', entityValue: ' Jane@Example.com ', duration: '24h', reason: 'known customer', ...overrides });
const fieldOf = (b: unknown) => {
  try {
    parseCreateSnooze(b);
  } catch (e) {
    return { field: (e as AppError).field, message: (e as AppError).message };
  }
  throw new Error('parsed');
};

describe('parseCreateSnooze', () => {
  it('resolves a duration to an expiry and stores the email as ingest matches it', () => {
    const s = parseCreateSnooze(body());
    expect(s).toMatchObject({ entityType: 'email', entityValue: 'jane@example.com', reason: 'known customer' });
    expect(Math.abs(s.expiresAt.getTime() - (NOW + 86_400_000))).toBeLessThan(5_000);
  });

  it('takes an explicit expiresAt up to 30 days ahead', () => {
    const at = new Date(NOW + 3 * 86_400_000).toISOString();
    expect(parseCreateSnooze(body({ duration: undefined, expiresAt: at })).expiresAt.toISOString()).toBe(at);
  });

  it('refuses bad input with a 400 naming the field', () => {
    expect(fieldOf(body({ entityType: 'ip' }))).toMatchObject({ field: 'entityType', message: expect.stringMatching(/^entityType: /) });
    expect(fieldOf(body({ entityValue: 'not-an-email' }))).toMatchObject({ field: 'entityValue' });
    expect(fieldOf(body({ duration: '2h' }))).toMatchObject({ field: 'duration' });
    expect(fieldOf(body({ duration: undefined }))).toMatchObject({ field: 'duration' });
    expect(fieldOf(body({ expiresAt: new Date(NOW + 3_600_000).toISOString() }))).toMatchObject({ field: 'expiresAt' });
    expect(fieldOf(body({ duration: undefined, expiresAt: new Date(NOW + 31 * 86_400_000).toISOString() }))).toMatchObject({ field: 'expiresAt' });
    expect(fieldOf(body({ duration: undefined, expiresAt: new Date(NOW - 1000).toISOString() }))).toMatchObject({ field: 'expiresAt' });
    expect(fieldOf(body({ reason: '  ' }))).toMatchObject({ field: 'reason' });
    expect(fieldOf(body({ reason: undefined }))).toMatchObject({ field: 'reason' });
    expect(fieldOf(body({ reason: 'x'.repeat(501) }))).toMatchObject({ field: 'reason' });
    expect(fieldOf(body({ entityType: 'customer_id', entityValue: 'c'.repeat(129) }))).toMatchObject({ field: 'entityValue' });
    expect(fieldOf(body({ extra: 1 }))).toMatchObject({ message: expect.stringContaining('extra') });
  });

  it('refuses a card number or a NUL byte in the reason, with the detector lists use', () => {
    expect(fieldOf(body({ reason: 'card 4242 4242 4242 4242 is fine' }))).toMatchObject({ field: 'reason', message: expect.stringContaining('card number') });
    expect(fieldOf(body({ reason: 'ok\u0000' }))).toMatchObject({ field: 'reason', message: expect.stringContaining('NUL') });
    expect(fieldOf(body({ entityType: 'card_fingerprint', entityValue: '4242424242424242' }))).toMatchObject({ field: 'entityValue' });
  });
});
