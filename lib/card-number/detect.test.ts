import { describe, expect, it } from 'vitest';
import { containsCardNumber, findCardNumberField, findUnsafeText, passesLuhn } from './detect';

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

describe('what people and attackers do to a card number', () => {
  const pan = '4111111111111111';
  const grouped = (sep: string) => ['4111', '1111', '1111', '1111'].join(sep);
  const digitsIn = (zero: number) => [...pan].map((d) => String.fromCodePoint(zero + Number(d))).join('');

  it('finds it whatever separates the groups', () => {
    for (const sep of [' ', '  ', '\u00a0', '\u202f', '.', '_', '/', '\t', '-', ' - ', '\u3000', '*', '|']) {
      expect(containsCardNumber(`card ${grouped(sep)} used`), JSON.stringify(sep)).toBe(true);
    }
    expect(containsCardNumber('4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1')).toBe(true);
  });

  it('finds it through zero-width and other invisible characters', () => {
    for (const hidden of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']) expect(containsCardNumber([...pan].join(hidden)), hidden.codePointAt(0)!.toString(16)).toBe(true);
  });

  it('finds it in any script\'s digits', () => {
    expect(containsCardNumber(digitsIn(0xff10))).toBe(true); // full-width
    expect(containsCardNumber(digitsIn(0x0660))).toBe(true); // Arabic-Indic
    expect(containsCardNumber(digitsIn(0x06f0))).toBe(true); // Eastern Arabic-Indic
    expect(containsCardNumber(digitsIn(0x0966))).toBe(true); // Devanagari
    expect(containsCardNumber(digitsIn(0x1d7ce + 10))).toBe(true); // mathematical double-struck
  });

  it('finds it behind a UUID-shaped prefix', () => {
    expect(containsCardNumber(`123e4567-e89b-12d3-a456-${pan}`)).toBe(true);
    expect(containsCardNumber(`00000000-0000-0000-0000-000000000000 ${pan}`)).toBe(true);
  });

  it('finds it through combining marks, Hangul fillers and variation selectors', () => {
    for (const hidden of ['\u0301', '\u20e3', '\u0301\u0301\u0301\u0301', '\u3164', '\uffa0', '\u115f', '\ufe0f', '\u034f', '\u{e0100}']) {
      expect(containsCardNumber(`note ${[...pan].join(hidden)}`), hidden.codePointAt(0)!.toString(16)).toBe(true);
    }
  });

  it('finds it across long runs of whitespace', () => {
    expect(containsCardNumber(grouped('          '))).toBe(true);
    expect(containsCardNumber(grouped('\n\n\t  \n'))).toBe(true);
    expect(containsCardNumber(`4111 \u00a0\u2003 1111 - 1111  \t 1111`)).toBe(true);
  });

  it('finds it glued to a UUID-shaped tail or written like an IPv6 address', () => {
    expect(containsCardNumber(`${pan}-e89b-12d3-a456-426614174000`)).toBe(true);
    expect(containsCardNumber(`${pan}e89b-12d3-a456-426614174000`)).toBe(true);
    expect(containsCardNumber('customer read 4111:1111:1111:1111:: to me')).toBe(true);
    expect(containsCardNumber('4111:1111:1111:1111')).toBe(true);
  });

  it('leaves hex digests (a card fingerprint, a SHA-256) alone', () => {
    // A SHA-256 with a 16-digit run that passes as a Visa PAN, as one in about 1,600 digests did.
    expect(containsCardNumber(`ab${pan}cdef0123456789abcdef0123456789abcdef0123456789ab`)).toBe(false);
    const hex = (bytes: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
    for (let i = 0; i < 20_000; i++) {
      expect(containsCardNumber(hex(32))).toBe(false); // SHA-256
      expect(containsCardNumber(`fp_${hex(16)}`)).toBe(false); // MD5-sized
    }
    // Shorter hex words are text like any other.
    expect(containsCardNumber(`ab${pan}cd`)).toBe(true);
  });

  it('leaves IP addresses, prices and dates alone', () => {
    for (let i = 0; i < 5_000; i++) {
      const h = () => Math.floor(Math.random() * 0x10000).toString(16);
      const d = () => String(Math.floor(Math.random() * 10_000));
      expect(containsCardNumber(`2001:db8:${h()}:${h()}:${h()}:${h()}:${h()}:${h()}`)).toBe(false);
      expect(containsCardNumber(`2001:db8:${d()}:${d()}:${d()}:${d()}:${d()}:${d()}`)).toBe(false);
    }
    expect(containsCardNumber('203.0.113.7')).toBe(false);
    // The same text alone and quoted inside stored JSON (an audit entry) reads the same:
    // the fuzz suite once found a list value passing alone and failing inside its audit row.
    expect(containsCardNumber('fz23325799-1085 2001:db8::1')).toBe(false);
    expect(containsCardNumber('{"value": "fz23325799-1085 2001:db8::1", "type": "device_id"}')).toBe(false);
    // Glued to a letter it is not an address: the digits still read as a card.
    expect(containsCardNumber('x4111:1111:1111:1111::ab')).toBe(true);
    expect(containsCardNumber('Paid 49.99 EUR on 2026-11-30 at 14:05')).toBe(false);
  });

  it('names NUL bytes and card numbers by path, keys included', () => {
    expect(findUnsafeText({ note: 'a\u0000b' })).toEqual({ path: 'note', reason: 'nul' });
    expect(findUnsafeText({ a: [{ b: `x ${grouped('.')}` }] })).toEqual({ path: 'a.0.b', reason: 'card_number' });
    expect(findUnsafeText({ a: { [pan]: true } })).toEqual({ path: 'a.(key)', reason: 'card_number' });
  });

  it('walks any depth without recursion (a recursive walk overflows the stack long before 100,000 levels)', () => {
    let deep: unknown = `x ${pan}`;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)?.reason).toBe('card_number');
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, `value ${i}`]));
    expect(findUnsafeText(wide)).toBeNull();
  });
});
