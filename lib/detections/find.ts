import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { detections } from '@/db/schema';
import { ZCursorSchema } from '@/lib/stream-protocol';
import { DECISIONS, toDetection, type TDetection } from './schema';

export const ZFindDetectionsQuerySchema = z.object({
  limit: z.coerce.number({ error: 'Must be a number from 1 to 200' }).int().min(1, 'Must be at least 1').max(200, 'At most 200').default(50),
  // A row sequence, compared as a JS number: a larger one cannot have come from a page (and would be a database error, not a 400).
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, 'Must be the nextCursor of a previous page')
    .refine((c) => Number.isSafeInteger(Number(c)), 'Must be the nextCursor of a previous page')
    .optional(),
  decision: z
    .string()
    .transform((d) => d.toUpperCase())
    .pipe(z.enum(DECISIONS, { error: 'Must be ALLOW, REVIEW or BLOCK' }))
    .optional(),
  after: ZCursorSchema.optional(),
});

export type TFindDetectionsQuery = z.infer<typeof ZFindDetectionsQuerySchema>;

/** Newest first, keyset-paginated on seq (insertion order). */
export async function findDetections(options: {
  db: Executor;
  orgId: string;
  limit: number;
  cursor?: string;
  decision?: TDetection['decision'];
}): Promise<{ detections: TDetection[]; nextCursor: string | null }> {
  const rows = await options.db
    .select()
    .from(detections)
    .where(
      and(
        eq(detections.organizationId, options.orgId),
        options.cursor ? lt(detections.seq, Number(options.cursor)) : undefined,
        options.decision ? eq(detections.decision, options.decision) : undefined,
      ),
    )
    .orderBy(desc(detections.seq))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  return {
    detections: page.map(toDetection),
    nextCursor: rows.length > options.limit ? String(page.at(-1)!.seq) : null,
  };
}
