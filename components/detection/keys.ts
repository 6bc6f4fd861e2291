import type { TRelatedKey } from '@/lib/detections/related';
import type { TDecision } from '@/lib/detections/schema';
import { normalizeIp, type TListAction, type TListEntry, type TListType } from '@/lib/lists/schema';

// How a detection's keys meet the rest of the app: the dashboard's filter names (DESIGN, "Investigation")
// and the list types. Pure, so the browser and the unit tests share it.

/** The dashboard's URL parameter for each key. */
export const FILTER_PARAM: Record<TRelatedKey, string> = {
  card_fingerprint: 'cardFingerprint',
  ip: 'ip',
  email: 'email',
  device_id: 'deviceId',
  customer_id: 'customerId',
  card_bin: 'bin',
};

/** A related key is blocked or allowed as the list type of the same name. */
export const LIST_TYPE: Record<TRelatedKey, TListType> = {
  card_fingerprint: 'card_fingerprint',
  ip: 'ip',
  email: 'email',
  device_id: 'device_id',
  customer_id: 'customer_id',
  card_bin: 'card_bin',
};

/** The dashboard filtered on one key over one window, optionally on one decision: the rows a count counted. */
export function relatedListHref(key: TRelatedKey, value: string, window: { from: string; to: string }, decision?: TDecision): string {
  const params = new URLSearchParams({ [FILTER_PARAM[key]]: value, from: window.from, to: window.to });
  if (decision) params.set('decision', decision);
  return `/dashboard?${params}`;
}

/**
 * The live entry of `action` that already applies to this value, as ingest matches it: IPs in one
 * spelling, emails lowercased, a 6-digit BIN entry covering the 7- and 8-digit BINs it starts.
 */
export function entryFor(entries: readonly TListEntry[], key: TRelatedKey, value: string, action: TListAction): TListEntry | null {
  const type = LIST_TYPE[key];
  const candidates =
    type === 'ip' ? [normalizeIp(value)] : type === 'email' ? [value.toLowerCase()] : type === 'card_bin' ? Array.from({ length: Math.max(1, value.length - 5) }, (_, i) => value.slice(0, 6 + i)) : [value];
  return entries.find((e) => !e.expired && e.type === type && e.action === action && candidates.includes(e.value)) ?? null;
}

/** The blocks offered on a key; `id` names the words in the catalog ("detection.keyActions.duration"). */
export const BLOCK_DURATIONS = [
  { id: '1h', testId: '1h', ms: 3600_000 },
  { id: '24h', testId: '24h', ms: 24 * 3600_000 },
  { id: 'forever', testId: 'forgood', ms: null },
] as const;

/** expiresAt for a block of this duration from `now` (null: no expiry). */
export const expiresAtFor = (ms: number | null, now = Date.now()): string | null => (ms === null ? null : new Date(now + ms).toISOString());
