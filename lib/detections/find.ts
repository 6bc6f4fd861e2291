import { and, desc, eq, gte, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { detectionReasonCodes, detections } from '@/db/schema';
import { AppError, hasDatabaseCode } from '@/lib/errors';
import { ZCursorSchema } from '@/lib/stream-protocol';
import { checkRanges, DETECTION_FILTER_NAMES, OPTIONAL_FILTER_SHAPE, ZListCursorSchema, type TDetectionFilters, type TListCursor } from './filters';
import { toDetection, type TDetection } from './schema';

const PARAMETERS = ['limit', 'cursor', 'after', ...DETECTION_FILTER_NAMES];

// Strict: a misspelt filter ("cardfingerprint") would otherwise be ignored
// and answer with every detection, which an analyst would take as the result.
export const ZFindDetectionsQuerySchema = z
  .strictObject(
    {
      limit: z.coerce.number({ error: 'Must be a number from 1 to 200' }).int().min(1, 'Must be at least 1').max(200, 'At most 200').default(50),
      cursor: ZListCursorSchema.optional(),
      after: ZCursorSchema.optional(),
      ...OPTIONAL_FILTER_SHAPE,
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}: the parameters are ${PARAMETERS.join(', ')}` : undefined) },
  )
  .superRefine(checkRanges);

export type TFindDetectionsQuery = z.infer<typeof ZFindDetectionsQuerySchema>;

/** The conditions on detections' own columns (the `rule` filter is a join, see findDetections). */
function filterConditions(f: TDetectionFilters): (SQL | undefined)[] {
  const d = detections;
  return [
    f.decision ? eq(d.decision, f.decision) : undefined,
    // Ingest stores an IP normalised (lib/lists/schema.ts normalizeIp), and so is the filter's.
    f.ip ? eq(d.ip, f.ip) : undefined,
    f.email ? eq(d.email, f.email) : undefined,
    f.cardFingerprint ? eq(d.cardFingerprint, f.cardFingerprint) : undefined,
    f.bin ? eq(d.cardBin, f.bin) : undefined,
    f.customerId ? eq(d.customerId, f.customerId) : undefined,
    f.deviceId ? eq(d.deviceId, f.deviceId) : undefined,
    f.externalId ? eq(d.externalId, f.externalId) : undefined,
    f.reviewStatus === 'pending' ? and(eq(d.decision, 'REVIEW'), isNull(d.reviewStatus)) : undefined,
    f.reviewStatus === 'approved' || f.reviewStatus === 'blocked' ? and(isNotNull(d.reviewStatus), eq(d.reviewStatus, f.reviewStatus)) : undefined,
    ...rangeConditions(f, d),
    // ::text first: a parameter typed timestamptz goes through a JS Date in the driver.
    f.from ? sql`${d.createdAt} >= ${f.from}::text::timestamptz` : undefined,
    f.to ? sql`${d.createdAt} < ${f.to}::text::timestamptz` : undefined,
  ];
}

/** The amount and score ranges on a table that has both columns. */
function rangeConditions(f: TDetectionFilters, t: { amount: typeof detections.amount; score: typeof detections.score } | typeof detectionReasonCodes): (SQL | undefined)[] {
  return [
    f.minScore !== undefined ? gte(t.score, f.minScore) : undefined,
    f.maxScore !== undefined ? lte(t.score, f.maxScore) : undefined,
    f.minAmount !== undefined ? gte(t.amount, f.minAmount) : undefined,
    f.maxAmount !== undefined ? lte(t.amount, f.maxAmount) : undefined,
  ];
}

/** "(created_at, seq) before the cursor", on whichever table drives the order. */
function beforeCursor(createdAt: SQL | typeof detections.createdAt, seq: SQL | typeof detections.seq, cursor: TListCursor): SQL {
  return sql`(${createdAt}, ${seq}) < (${cursor.at}::text::timestamptz, ${cursor.seq}::bigint)`;
}

const LIST_TIMEOUT_MS = 5_000;
const QUERY_CANCELED = '57014';

const createdAtMicros = sql<string>`to_char(${detections.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Newest first, keyset-paginated on (created_at, seq), every filter combined
 * with AND. Each filter has an index to start from (README, "Search and
 * filters"); the `rule` filter starts from detection_reason_codes, whose
 * btree the planner may use under row-level security (text equality is
 * leakproof, jsonb containment is not).
 */
export async function findDetections(options: {
  db: Executor;
  orgId: string;
  limit: number;
  cursor?: TListCursor;
  filters?: TDetectionFilters;
  /** How long a filtered page may take before it is refused (422) rather than left to hold a connection. */
  timeoutMs?: number;
}): Promise<{ detections: TDetection[]; nextCursor: string | null }> {
  const { db, orgId, limit, cursor, timeoutMs = LIST_TIMEOUT_MS } = options;
  const filters = options.filters ?? {};
  const conditions = filterConditions(filters);
  const filtered = conditions.some(Boolean) || Boolean(filters.rule);
  if (filtered) {
    // A prepared statement's generic plan is one plan for every filter value:
    // fine for "this IP", ruinous for "this rare rule" once it has been cached
    // for a common one. Plan each page for its own values. And a combination
    // no index serves and that matches almost nothing (a score band a
    // decision never has) walks the whole organization: bound it.
    await db.execute(sql`select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('statement_timeout', ${String(timeoutMs)}, true)`);
  }
  const rows = await (filters.rule
    ? db
        .select({ row: detections, at: createdAtMicros })
        .from(detectionReasonCodes)
        .innerJoin(detections, and(eq(detections.organizationId, detectionReasonCodes.organizationId), eq(detections.seq, detectionReasonCodes.seq)))
        .where(
          and(
            eq(detectionReasonCodes.organizationId, orgId),
            eq(detectionReasonCodes.code, filters.rule),
            eq(detections.organizationId, orgId),
            cursor ? beforeCursor(sql`${detectionReasonCodes.createdAt}`, sql`${detectionReasonCodes.seq}`, cursor) : undefined,
            // The same ranges on the copies the index carries: rows out of range are skipped before any detection is read.
            ...rangeConditions(filters, detectionReasonCodes),
            ...conditions,
          ),
        )
        .orderBy(desc(detectionReasonCodes.createdAt), desc(detectionReasonCodes.seq))
        .limit(limit + 1)
    : db
        .select({ row: detections, at: createdAtMicros })
        .from(detections)
        .where(and(eq(detections.organizationId, orgId), cursor ? beforeCursor(detections.createdAt, detections.seq, cursor) : undefined, ...conditions))
        .orderBy(desc(detections.createdAt), desc(detections.seq))
        .limit(limit + 1)
  ).catch((error: unknown) => {
    if (filtered && hasDatabaseCode(error, (code) => code === QUERY_CANCELED)) {
      throw new AppError(
        'query_too_slow',
        `These filters could not be searched within ${timeoutMs / 1000} s: add a time window (from, to) or a key (ip, email, cardFingerprint, customerId, deviceId) to narrow them.`,
      );
    }
    throw error;
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    detections: page.map(({ row }) => toDetection(row)),
    nextCursor: rows.length > limit && last ? `${last.at}_${last.row.seq}` : null,
  };
}
