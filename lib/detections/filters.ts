import { z } from 'zod';
import { normalizeIp } from '@/lib/lists/schema';
import { DECISIONS } from './schema';

// The filters of GET /api/v1/detections (DESIGN.md, "Investigation"): all
// optional, combined with AND. The same schema checks a saved view's filters
// and the dashboard's URL, so a shared link and a saved view mean one thing.

export const REVIEW_STATUSES = ['pending', 'approved', 'blocked'] as const;

const MAX_AMOUNT = 1_000_000_000_000;

/** A key's exact value, as ingest stores it. */
const keyValue = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Must not be empty: the ${what} to look for`)
    .max(max, `At most ${max} characters`)
    .refine((v) => !v.includes('\0'), 'Must not contain a NUL byte');

const wholeNumber = (what: string, max: number, example: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,15}$/, `Must be a whole number of ${what}, for example ${example}`)
    .transform(Number)
    .pipe(z.number().max(max, `At most ${max}`));

const instant = (example: string) =>
  z.iso
    .datetime({ offset: true, error: `Must be an ISO 8601 date and time, for example "${example}"` })
    // The shape alone lets "2026-02-30T…" through, which the database refuses.
    .refine((s) => !Number.isNaN(Date.parse(s)), `Must be a real date and time, for example "${example}"`)
    .transform((s) => new Date(s).toISOString());

export const DETECTION_FILTER_SHAPE = {
  decision: z
    .string()
    .transform((d) => d.trim().toUpperCase())
    .pipe(z.enum(DECISIONS, { error: 'Must be ALLOW, REVIEW or BLOCK' })),
  ip: z
    .union([z.ipv4(), z.ipv6()], { error: 'Must be an IPv4 or IPv6 address, for example 203.0.113.7' })
    .transform(normalizeIp),
  email: z.string().trim().max(254, 'At most 254 characters').pipe(z.email('Must be an email address, for example buyer@example.com')).transform((e) => e.toLowerCase()),
  cardFingerprint: keyValue('card fingerprint', 128),
  bin: z.string().trim().regex(/^\d{6,8}$/, 'A BIN is the first 6 to 8 digits of a card, for example 424242'),
  customerId: keyValue('customer id', 128),
  deviceId: keyValue('device id', 128),
  externalId: keyValue('order or payment id (externalId)', 128),
  rule: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'Must be a reason code such as "ip_distinct_cards_1h" or "list_block"')
    .refine((c) => c !== 'score_threshold', 'score_threshold is on every detection: filter by minScore and maxScore instead'),
  reviewStatus: z.enum(REVIEW_STATUSES, { error: 'Must be pending, approved or blocked' }),
  minScore: wholeNumber('points', 100, '70'),
  maxScore: wholeNumber('points', 100, '100'),
  minAmount: wholeNumber('minor units (cents)', MAX_AMOUNT, '1999 for 19.99'),
  maxAmount: wholeNumber('minor units (cents)', MAX_AMOUNT, '500000 for 5,000.00'),
  from: instant('2026-11-30T00:00:00Z'),
  to: instant('2026-12-01T00:00:00Z'),
} as const;

export type TDetectionFilterName = keyof typeof DETECTION_FILTER_SHAPE;
export const DETECTION_FILTER_NAMES = Object.keys(DETECTION_FILTER_SHAPE) as TDetectionFilterName[];

/** Ranges that cannot match anything are a mistake worth naming, not an empty page. */
export function checkRanges(f: { minScore?: number; maxScore?: number; minAmount?: number; maxAmount?: number; from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (f.minScore !== undefined && f.maxScore !== undefined && f.minScore > f.maxScore)
    ctx.addIssue({ code: 'custom', path: ['maxScore'], message: `Must be at least minScore (${f.minScore})` });
  if (f.minAmount !== undefined && f.maxAmount !== undefined && f.minAmount > f.maxAmount)
    ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: `Must be at least minAmount (${f.minAmount})` });
  if (f.from && f.to && f.from >= f.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `Must be after from (${f.from})` });
}

export const OPTIONAL_FILTER_SHAPE = Object.fromEntries(Object.entries(DETECTION_FILTER_SHAPE).map(([k, s]) => [k, s.optional()])) as {
  [K in TDetectionFilterName]: z.ZodOptional<(typeof DETECTION_FILTER_SHAPE)[K]>;
};

/** The filters alone (a saved view's, strict: an unknown name is an error). */
export const ZDetectionFiltersSchema = z.strictObject(OPTIONAL_FILTER_SHAPE).superRefine(checkRanges);
export type TDetectionFilters = z.infer<typeof ZDetectionFiltersSchema>;

/** True when no filter is set: the live list, which the stream keeps current. */
export const hasNoFilter = (f: TDetectionFilters) => DETECTION_FILTER_NAMES.every((k) => f[k] === undefined);

/**
 * Keyset cursor of the list, newest first on (created_at, seq): created_at at
 * full microsecond precision (a JS Date would round it) and the row's seq,
 * "<ISO 8601 with 6 decimals>Z_<seq>".
 */
export const LIST_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_(\d{1,18})$/;

export const ZListCursorSchema = z
  .string()
  .regex(LIST_CURSOR, 'Must be the nextCursor of a previous page')
  .refine((c) => {
    const at = c.slice(0, 19);
    const d = new Date(`${at}Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === at;
  }, 'Must be the nextCursor of a previous page')
  .transform((c) => {
    const m = LIST_CURSOR.exec(c)!;
    return { at: m[1], seq: m[2] };
  });

export type TListCursor = z.output<typeof ZListCursorSchema>;
