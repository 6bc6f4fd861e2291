import { describe, expect, it } from 'vitest';
import { formats, localeOfRequest, pickLocale } from './index';

// The one set of formats, in both languages. French groups digits with a
// narrow no-break space (U+202F) and puts a no-break space (U+00A0) before
// the currency and the percent sign: written out here so a change shows.
const NBSP = '\u00a0';
const NNBSP = '\u202f';
const AT = '2026-11-30T14:30:21Z';
const NOW = Date.parse(AT);

describe('formats', () => {
  const en = formats('en', 'Europe/Paris');
  const fr = formats('fr', 'Europe/Paris');

  it('money from minor units in the currency’s own decimals', () => {
    expect([en.money(140, 'EUR'), en.money(123_456, 'USD'), en.money(500, 'JPY'), en.money(1234, 'KWD')]).toEqual(['€1.40', '$1,234.56', '¥500', `KWD${NBSP}1.234`]);
    expect([fr.money(140, 'EUR'), fr.money(123_456, 'USD'), fr.money(500, 'JPY'), fr.money(1234, 'KWD')]).toEqual([
      `1,40${NBSP}€`, `1${NNBSP}234,56${NBSP}$US`, `500${NBSP}JPY`, `1,234${NBSP}KWD`,
    ]);
  });

  it('a plain decimal for files: the currency’s decimals, the locale’s decimal sign, no grouping, no symbol', () => {
    expect([en.decimal(123_450, 'EUR'), en.decimal(500, 'JPY'), en.decimal(1234, 'KWD'), en.decimal(7, 'EUR')]).toEqual(['1234.50', '500', '1.234', '0.07']);
    expect([fr.decimal(123_450, 'EUR'), fr.decimal(500, 'JPY'), fr.decimal(1234, 'KWD'), fr.decimal(7, 'EUR')]).toEqual(['1234,50', '500', '1,234', '0,07']);
  });

  it('a code Intl refuses still reads: the number and the code', () => {
    expect(en.money(1999, 'EU')).toBe('1,999 EU');
    expect(fr.money(1999, 'EU')).toBe(`1${NNBSP}999 EU`);
  });

  it('numbers and percentages grouped the locale’s way', () => {
    expect([en.number(3621), en.number(1_234_567.5), en.percent(0.625)]).toEqual(['3,621', '1,234,567.5', '62.5%']);
    expect([fr.number(3621), fr.number(1_234_567.5), fr.percent(0.625)]).toEqual([`3${NNBSP}621`, `1${NNBSP}234${NNBSP}567,5`, `62,5${NBSP}%`]);
  });

  it('one date-time style and one time style, in the zone asked for', () => {
    expect([en.dateTime(AT), en.time(AT)]).toEqual(['Nov 30, 2026, 3:30:21 PM', '3:30:21 PM']);
    expect([fr.dateTime(AT), fr.time(AT)]).toEqual(['30 nov. 2026, 15:30:21', '15:30:21']);
    expect(formats('fr', 'UTC').time(AT)).toBe('14:30:21');
    expect(formats('en', 'UTC').dateTime(new Date(AT))).toBe('Nov 30, 2026, 2:30:21 PM');
  });

  it('one relative-time style, past and future', () => {
    const rel = (f: typeof en, at: string) => f.relative(at, NOW);
    expect([rel(en, '2026-11-30T14:25:21Z'), rel(en, '2026-11-30T16:30:21Z'), rel(en, '2026-11-29T14:30:21Z'), rel(en, AT), rel(en, '2026-11-30T14:30:00Z')]).toEqual([
      '5 minutes ago', 'in 2 hours', 'yesterday', 'now', '21 seconds ago',
    ]);
    expect([rel(fr, '2026-11-30T14:25:21Z'), rel(fr, '2026-11-30T16:30:21Z'), rel(fr, '2026-11-29T14:30:21Z'), rel(fr, AT), rel(fr, '2026-09-30T14:30:21Z')]).toEqual([
      'il y a 5 minutes', 'dans 2 heures', 'hier', 'maintenant', 'il y a 2 mois',
    ]);
  });

  it('makes each Intl formatter once per locale, zone and currency', () => {
    const Original = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    } as typeof Intl.NumberFormat;
    try {
      const a = formats('fr', 'Asia/Tokyo');
      for (let i = 0; i < 100; i++) a.money(i, 'CHF');
      formats('fr').money(1, 'CHF');
      expect(made).toBe(1);
      formats('en').money(1, 'CHF');
      expect(made).toBe(2);
    } finally {
      Intl.NumberFormat = Original;
    }
  });
});

describe('pickLocale', () => {
  it('takes the user’s choice first, then Accept-Language by weight, then English', () => {
    expect(pickLocale('fr', 'en-US,en;q=0.9')).toBe('fr');
    expect(pickLocale('de', 'fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(pickLocale(null, 'de-DE,de;q=0.9,fr;q=0.8,en;q=0.7')).toBe('fr');
    expect(pickLocale(null, 'en;q=0.5, fr;q=0.8')).toBe('fr');
    expect(pickLocale(undefined, 'de, es')).toBe('en');
    expect(pickLocale(undefined, 'fr;q=0, en')).toBe('en');
    expect(pickLocale(undefined, '')).toBe('en');
    expect(pickLocale(undefined, ';;,q=,\u0000')).toBe('en');
  });
});

describe('localeOfRequest', () => {
  it('reads the NEXT_LOCALE cookie first, then Accept-Language, else English', () => {
    expect(localeOfRequest(new Headers({ cookie: 'a=1; NEXT_LOCALE=fr; b=2', 'accept-language': 'en-US' }))).toBe('fr');
    expect(localeOfRequest(new Headers({ cookie: 'NEXT_LOCALE=xx', 'accept-language': 'fr-CA,en;q=0.5' }))).toBe('fr');
    expect(localeOfRequest(new Headers({}))).toBe('en');
    expect(localeOfRequest(undefined)).toBe('en');
  });
});
