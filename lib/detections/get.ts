import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { detections, type TDetectionRow } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { toDetection, type TDetection } from './schema';

const ZDetectionIdSchema = z.uuid();

/**
 * A malformed id is the caller's mistake (a truncated link), so it is a 400 saying so; a well-formed id
 * that names no row of this organization (another org's included) is a 404 that does not say which.
 */
export function parseDetectionId(id: string): string {
  if (!ZDetectionIdSchema.safeParse(id).success) {
    throw new AppError('bad_request', 'A detection id is a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e: check the link.', { field: 'id' });
  }
  return id.toLowerCase();
}

/** The stored row of one detection of the organization, or a 404. */
export async function getDetectionRowOrThrow(options: { db: Executor; orgId: string; id: string }): Promise<TDetectionRow> {
  const id = parseDetectionId(options.id);
  const [row] = await options.db
    .select()
    .from(detections)
    .where(and(eq(detections.organizationId, options.orgId), eq(detections.id, id)))
    .limit(1);
  if (!row) throw new AppError('not_found', 'No detection with this id in your organization. It may belong to another organization, or have passed the retention period.');
  return row;
}

export async function getDetectionOrThrow(options: { db: Executor; orgId: string; id: string }): Promise<TDetection> {
  return toDetection(await getDetectionRowOrThrow(options));
}
