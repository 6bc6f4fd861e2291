import { DETECTION_FILTER_NAMES, type TDetectionFilterName } from '@/lib/detections/filters';

// The dashboard's filters as they live in its URL: the API's own parameter
// names and values (DESIGN, "Investigation"), so a URL can be shared, saved
// as a view and sent to GET /api/v1/detections unchanged. What a person types
// is converted here: amounts in major units ("49.99" → 4999 minor units) and
// local date-times (datetime-local, the browser's time zone) → ISO 8601.
// Pure, so the unit tests and the browser share it.

export type TRawFilters = Record<string, string>;

/** The "search a key" control's fields, in the order of the select (their words: the catalog's "investigation.keyField"). */
export const KEY_FIELDS = [
  { name: 'ip' },
  { name: 'email' },
  { name: 'cardFingerprint' },
  { name: 'bin' },
  { name: 'customerId' },
  { name: 'deviceId' },
  { name: 'externalId' },
] as const satisfies readonly { name: TDetectionFilterName }[];

export type TKeyField = (typeof KEY_FIELDS)[number]['name'];
const KEY_NAMES: readonly string[] = KEY_FIELDS.map((f) => f.name);

const isFilterName = (name: string): name is TDetectionFilterName => (DETECTION_FILTER_NAMES as readonly string[]).includes(name);

/** Every parameter of the URL, as given: unknown ones included, so the API names them instead of the list silently ignoring a typo. */
export function readUrlFilters(search: URLSearchParams): TRawFilters {
  return Object.fromEntries(search.entries());
}

/** The URL of the dashboard with these filters, in a stable order (the list's own), unknown parameters last. */
export function dashboardHref(filters: TRawFilters): string {
  const names = Object.keys(filters).sort((a, b) => order(a) - order(b));
  const params = new URLSearchParams();
  for (const name of names) if (filters[name] !== '') params.set(name, filters[name]);
  const query = params.toString();
  return query ? `/dashboard?${query}` : '/dashboard';
}

const order = (name: string) => (isFilterName(name) ? DETECTION_FILTER_NAMES.indexOf(name) : DETECTION_FILTER_NAMES.length);

/** The key the "search a key" control shows: the first key filter of the URL, else IP. */
export function shownKey(filters: TRawFilters): { field: TKeyField; value: string } {
  const field = KEY_FIELDS.find((f) => filters[f.name] !== undefined)?.name ?? 'ip';
  return { field, value: filters[field] ?? '' };
}

export const isKeyField = (name: string): name is TKeyField => KEY_NAMES.includes(name);

/** "49.99" → 4999; null when it is not an amount with at most two decimals. */
export function toMinorUnits(major: string): number | null {
  const m = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(major.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 4999 → "49.99" ("49,99" with a decimal comma; toMinorUnits reads both); a value that is not a whole number is shown as given. */
export function toMajorUnits(minor: string, decimalSign = '.'): string {
  if (!/^\d{1,15}$/.test(minor.trim())) return minor;
  const n = Number(minor);
  return `${Math.floor(n / 100)}${decimalSign}${String(n % 100).padStart(2, '0')}`;
}

/** A datetime-local value (the browser's time zone) → ISO 8601 UTC; null when it is not one. */
export function localInputToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(local)) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** ISO 8601 → a datetime-local value in the browser's time zone; '' when unreadable. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const seconds = at.getSeconds() || at.getMilliseconds() ? `:${pad(at.getSeconds())}` : '';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}${seconds}`;
}

/** The words a chip is made of, in the reader's language (the catalog's "investigation"). */
export type TChipWords = {
  label: (name: TDetectionFilterName) => string;
  /** "IP: 203.0.113.7" */
  named: (label: string, value: string) => string;
  /** "Amount ≥ 49.99" */
  compare: (label: string, value: string) => string;
  /** A decision or review status in words; null for a value the list does not know (the API names it). */
  option: (name: 'decision' | 'reviewStatus', value: string) => string | null;
  dateTime: (at: Date) => string;
};

/** How a chip shows one filter: amounts in major units, instants in local time, decisions and statuses in words. */
export function chipText(name: string, value: string, w: TChipWords): string {
  if (!isFilterName(name)) return w.named(name, value);
  const label = w.label(name);
  if (name === 'minAmount' || name === 'maxAmount') return w.compare(label, toMajorUnits(value));
  if (name === 'minScore' || name === 'maxScore') return w.compare(label, value);
  if (name === 'from' || name === 'to') {
    const at = new Date(value);
    return w.compare(label, Number.isNaN(at.getTime()) ? value : w.dateTime(at));
  }
  if (name === 'decision' || name === 'reviewStatus') return w.named(label, w.option(name, value) ?? value);
  return w.named(label, value);
}

/** What the bar's form holds, as typed. */
export type TBarInput = {
  decision: string;
  reviewStatus: string;
  keyField: string;
  keyValue: string;
  rule: string;
  minScore: string;
  maxScore: string;
  minAmount: string;
  maxAmount: string;
  from: string;
  to: string;
};

/**
 * The URL's filters after the bar is applied: the bar's own fields replaced
 * (the key it showed among them), other keys of the URL kept (a chip each).
 * Score values go as typed: the API names a bad one. Amounts and dates are
 * converted first, so a value that cannot be converted is reported here.
 */
/** What the bar could not convert: names its message ("investigation.bar.error.*"). */
export type TBarError = 'keyField' | 'minAmount' | 'maxAmount' | 'from' | 'to';

export function applyBar(current: TRawFilters, shown: TKeyField, input: TBarInput): { filters: TRawFilters } | { error: TBarError } {
  const next: TRawFilters = { ...current };
  for (const name of ['decision', 'reviewStatus', 'rule', 'minScore', 'maxScore', 'minAmount', 'maxAmount', 'from', 'to', shown]) delete next[name];
  const set = (name: string, value: string) => {
    if (value.trim() !== '') next[name] = value.trim();
  };
  set('decision', input.decision);
  set('reviewStatus', input.reviewStatus);
  if (input.keyValue.trim() !== '') {
    if (!isKeyField(input.keyField)) return { error: 'keyField' };
    set(input.keyField, input.keyValue);
  }
  set('rule', input.rule);
  set('minScore', input.minScore);
  set('maxScore', input.maxScore);
  // A value shown and left as it was keeps the URL's own spelling (an instant's milliseconds, a raw value the API will name).
  const unchanged = (name: 'minAmount' | 'maxAmount' | 'from' | 'to', shownAs: string) => {
    if (current[name] === undefined || input[name] !== shownAs) return false;
    next[name] = current[name];
    return true;
  };
  for (const name of ['minAmount', 'maxAmount'] as const) {
    if (input[name].trim() === '' || unchanged(name, toMajorUnits(current[name] ?? ''))) continue;
    const minor = toMinorUnits(input[name]);
    if (minor === null) return { error: name };
    next[name] = String(minor);
  }
  for (const name of ['from', 'to'] as const) {
    if (input[name].trim() === '' || unchanged(name, isoToLocalInput(current[name]))) continue;
    const iso = localInputToIso(input[name]);
    if (iso === null) return { error: name };
    next[name] = iso;
  }
  return { filters: next };
}
