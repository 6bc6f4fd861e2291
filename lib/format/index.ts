import { processState } from '@/lib/process-state';

// One set of formats for people (issue 15, DESIGN "Languages"): money from
// minor units in its own currency, one date-time style, one time style, one
// relative-time style and numbers grouped the locale's way, the same on the
// server (reasons, e-mails, CSV) and in the browser. Each Intl formatter is
// made once per locale, zone and currency: making one costs far more than
// using it, and under an attack every cell of every new row is formatted.
// No database or server imports: the browser uses this module too.

export const LOCALES = ['en', 'fr'] as const;
export type TLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: TLocale = 'en';
/** The cookie holding the user's choice of language (next-intl's name for it). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** The Intl tag behind each language. */
const INTL_TAG: Record<TLocale, string> = { en: 'en-US', fr: 'fr-FR' };

export const isLocale = (value: unknown): value is TLocale => (LOCALES as readonly unknown[]).includes(value);

/**
 * The language to speak: the user's choice (the NEXT_LOCALE cookie) when it
 * is one Orylo has, else the best of Accept-Language by its q-values (a
 * region is ignored: fr-CA reads French), else English.
 */
export function pickLocale(choice: string | null | undefined, acceptLanguage: string | null | undefined): TLocale {
  if (isLocale(choice)) return choice;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.language && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((r) => r.language).find(isLocale) ?? DEFAULT_LOCALE;
}

/** The language of a request: its NEXT_LOCALE cookie, then Accept-Language (for e-mails and files the server writes). */
export function localeOfRequest(headers: Pick<Headers, 'get'> | undefined): TLocale {
  const cookie = headers?.get('cookie') ?? '';
  const choice = /(?:^|;\s*)NEXT_LOCALE=([^;]*)/.exec(cookie)?.[1];
  return pickLocale(choice, headers?.get('accept-language'));
}

export type TFormats = {
  locale: TLocale;
  /** Minor units in the currency's own decimals: 140 EUR → "€1.40" / "1,40 €"; JPY has none. */
  money: (minor: number, currency: string) => string;
  /** Minor units as a plain decimal in the currency's own decimals, no symbol, no grouping, for files a spreadsheet reads as a number: 123450 EUR → "1234.50" / "1234,50". */
  decimal: (minor: number, currency: string) => string;
  /** 3621 → "3,621" / "3 621". */
  number: (value: number) => string;
  /** 0.625 → "62.5%" / "62,5 %". */
  percent: (ratio: number) => string;
  /** The one date-time style: "Nov 30, 2026, 3:30:21 PM" / "30 nov. 2026, 15:30:21". */
  dateTime: (at: string | number | Date) => string;
  /** The one time style: "3:30:21 PM" / "15:30:21". */
  time: (at: string | number | Date) => string;
  /** A row's time: the time alone on the day it happened, the date-time style otherwise. */
  when: (at: string | number | Date, now?: number) => string;
  /** "5 minutes ago", "in 2 hours" / "il y a 5 minutes", "dans 2 heures". */
  relative: (at: string | number | Date, now?: number) => string;
};

type TCache = Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | null>;
const cache = () => processState<TCache>('format.intl', () => new Map());
/** Each currency's decimals (2 for EUR, 0 for JPY), by code. */
const decimals = () => processState<Map<string, number>>('format.decimals', () => new Map());

function once<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T | null {
  const c = cache();
  if (!c.has(key)) {
    try {
      c.set(key, make());
    } catch {
      c.set(key, null); // an unknown currency or zone: the caller falls back
    }
  }
  return c.get(key) as T | null;
}

const SECOND = 1000;
const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60 * SECOND],
  ['minute', 3600 * SECOND],
  ['hour', 86_400 * SECOND],
  ['day', 30 * 86_400 * SECOND],
  ['month', 365 * 86_400 * SECOND],
  ['year', Number.POSITIVE_INFINITY],
];
const UNIT_MS: Record<string, number> = { second: SECOND, minute: 60 * SECOND, hour: 3600 * SECOND, day: 86_400 * SECOND, month: 30 * 86_400 * SECOND, year: 365 * 86_400 * SECOND };

/**
 * The formats of one language. `timeZone`: the server passes the zone it
 * writes for (UTC unless told otherwise, said next to the time in e-mails and
 * CSV); the browser leaves it out and shows its own.
 */
export function formats(locale: TLocale, timeZone?: string): TFormats {
  const tag = INTL_TAG[locale];
  const zone = timeZone ?? '';
  const dateTimeFormat = () => once(`dt|${tag}|${zone}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium', timeZone }));
  const timeFormat = () => once(`t|${tag}|${zone}`, () => new Intl.DateTimeFormat(tag, { timeStyle: 'medium', timeZone }));
  const dayFormat = () => once(`day|${zone}`, () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }));
  const toDate = (at: string | number | Date) => (at instanceof Date ? at : new Date(at));
  const number = (value: number) => once(`n|${tag}`, () => new Intl.NumberFormat(tag))!.format(value);
  const dateTime = (at: string | number | Date) => dateTimeFormat()?.format(toDate(at)) ?? toDate(at).toISOString();
  const time = (at: string | number | Date) => timeFormat()?.format(toDate(at)) ?? toDate(at).toISOString();
  const moneyFormat = (currency: string) => once(`money|${tag}|${currency}`, () => new Intl.NumberFormat(tag, { style: 'currency', currency }));
  /** The currency's decimals (2 for EUR, 0 for JPY, 3 for KWD); 2 for a code Intl does not know. */
  // Memoized apart: resolvedOptions() builds a new object at each call, most of a row's formatting time.
  const digits = (currency: string) => {
    const known = decimals();
    let n = known.get(currency);
    if (n === undefined) known.set(currency, (n = moneyFormat(currency)?.resolvedOptions().maximumFractionDigits ?? 2));
    return n;
  };
  return {
    locale,
    money(minor, currency) {
      const f = moneyFormat(currency);
      if (!f) return `${number(minor)} ${currency}`;
      return f.format(minor / 10 ** digits(currency));
    },
    decimal(minor, currency) {
      const n = digits(currency);
      const f = once(`dec|${tag}|${n}`, () => new Intl.NumberFormat(tag, { useGrouping: false, minimumFractionDigits: n, maximumFractionDigits: n }))!;
      return f.format(minor / 10 ** n);
    },
    number,
    percent: (ratio) => once(`p|${tag}`, () => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }))!.format(ratio),
    dateTime,
    time,
    when(at, now = Date.now()) {
      const zoned = (d: Date) => dayFormat()?.format(d) ?? d.toISOString().slice(0, 10);
      return zoned(toDate(at)) === zoned(new Date(now)) ? time(at) : dateTime(at);
    },
    relative(at, now = Date.now()) {
      const diff = toDate(at).getTime() - now;
      const [unit] = RELATIVE_STEPS.find(([, below]) => Math.abs(diff) < below)!;
      const f = once(`rel|${tag}`, () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }))!;
      return f.format(Math.round(diff / UNIT_MS[unit]), unit);
    },
  };
}
