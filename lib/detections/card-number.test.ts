import { describe, expect, it } from 'vitest';
import { containsCardNumber, findCardNumberField, passesLuhn } from './card-number';

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

  it('names the field at fault, including nested fields and numbers', () => {
    expect(findCardNumberField({ externalId: 'a', card: { bin: '4242424242424242' } })).toBe('card.bin');
    expect(findCardNumberField({ amount: 4242424242424242 })).toBe('amount');
    expect(findCardNumberField({ externalId: 'ok', email: 'a@b.co' })).toBeNull();
  });
});
