import { and, desc, eq, gte, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { detectionReasonCodes, detections } from '@/db/schema';
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
    f.minScore !== undefined ? gte(d.score, f.minScore) : undefined,
    f.maxScore !== undefined ? lte(d.score, f.maxScore) : undefined,
    f.minAmount !== undefined ? gte(d.amount, f.minAmount) : undefined,
    f.maxAmount !== undefined ? lte(d.amount, f.maxAmount) : undefined,
    // ::text first: a parameter typed timestamptz goes through a JS Date in the driver.
    f.from ? sql`${d.createdAt} >= ${f.from}::text::timestamptz` : undefined,
    f.to ? sql`${d.createdAt} < ${f.to}::text::timestamptz` : undefined,
  ];
}

/** "(created_at, seq) before the cursor", on whichever table drives the order. */
function beforeCursor(createdAt: SQL | typeof detections.createdAt, seq: SQL | typeof detections.seq, cursor: TListCursor): SQL {
  return sql`(${createdAt}, ${seq}) < (${cursor.at}::text::timestamptz, ${cursor.seq}::bigint)`;
}

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
}): Promise<{ detections: TDetection[]; nextCursor: string | null }> {
  const { db, orgId, limit, cursor } = options;
  const filters = options.filters ?? {};
  const conditions = filterConditions(filters);
  // A prepared statement's generic plan is one plan for every filter value:
  // fine for "this IP", ruinous for "this rare rule" once it has been cached
  // for a common one. Plan each page for its own values.
  if (conditions.some(Boolean) || filters.rule) await db.execute(sql`set local plan_cache_mode = force_custom_plan`);
  const rows = filters.rule
    ? await db
        .select({ row: detections, at: createdAtMicros })
        .from(detectionReasonCodes)
        .innerJoin(detections, and(eq(detections.organizationId, detectionReasonCodes.organizationId), eq(detections.seq, detectionReasonCodes.seq)))
        .where(
          and(
            eq(detectionReasonCodes.organizationId, orgId),
            eq(detectionReasonCodes.code, filters.rule),
            eq(detections.organizationId, orgId),
            cursor ? beforeCursor(sql`${detectionReasonCodes.createdAt}`, sql`${detectionReasonCodes.seq}`, cursor) : undefined,
            ...conditions,
          ),
        )
        .orderBy(desc(detectionReasonCodes.createdAt), desc(detectionReasonCodes.seq))
        .limit(limit + 1)
    : await db
        .select({ row: detections, at: createdAtMicros })
        .from(detections)
        .where(and(eq(detections.organizationId, orgId), cursor ? beforeCursor(detections.createdAt, detections.seq, cursor) : undefined, ...conditions))
        .orderBy(desc(detections.createdAt), desc(detections.seq))
        .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    detections: page.map(({ row }) => toDetection(row)),
    nextCursor: rows.length > limit && last ? `${last.at}_${last.row.seq}` : null,
  };
}
