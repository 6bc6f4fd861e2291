import { describe, expect, it } from 'vitest';
import { containsCardNumber, findCardNumberField, passesLuhn } from './detect';

describe('card number detection', () => {
  it('recognises Luhn-valid PANs in any common formatting', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(containsCardNumber('4242424242424242')).toBe(true);
    expect(containsCardNumber('4242 4242 4242 4242')).toBe(true);
    expect(containsCardNumber('card 5555-5555-5555-4444 used')).toBe(true);
    expect(containsCardNumber('378282246310005')).toBe(true); // Amex, 15 digits
  });

  it('leaves ordinary identifiers alone', () => {
    expect(containsCardNumber('4242424242424241')).toBe(false); // fails Luhn
    expect(containsCardNumber('424242')).toBe(false); // a BIN
    expect(containsCardNumber('order_2026_11_22_0001')).toBe(false);
    expect(containsCardNumber('0000000000000000')).toBe(false); // a repeated digit is a placeholder, not a card
  });

  it('does not refuse millisecond timestamps or long numeric ids', () => {
    // Every 13-digit timestamp of a day, about 1 in 10 of which passes Luhn: none starts like a card.
    const start = Date.UTC(2026, 10, 22);
    for (let t = start; t < start + 86_400_000; t += 997) expect(containsCardNumber(`order_${t}`)).toBe(false);
    expect(containsCardNumber('42424242424242424242')).toBe(false); // 20 digits: not a PAN
    expect(containsCardNumber('x4242424242424242x')).toBe(true); // letters around it do not hide it
  });

  it('names the field at fault, including nested fields and numbers', () => {
    expect(findCardNumberField({ externalId: 'a', card: { bin: '4242424242424242' } })).toBe('card.bin');
    expect(findCardNumberField({ amount: 4242424242424242 })).toBe('amount');
    expect(findCardNumberField({ externalId: 'ok', email: 'a@b.co' })).toBeNull();
  });
});

describe('identifiers that are not cards', () => {
  it('accepts UUIDs, even when their digit groups would pass as a PAN', () => {
    expect(containsCardNumber('pi_203f5088-7499-4210-8042-16f6a1b2c3d4')).toBe(false);
    for (let i = 0; i < 20_000; i++) expect(containsCardNumber(`pi_${crypto.randomUUID()}`)).toBe(false);
  });

  it('still refuses a card number next to a UUID', () => {
    expect(containsCardNumber(`${crypto.randomUUID()} 4111 1111 1111 1111`)).toBe(true);
  });
});
