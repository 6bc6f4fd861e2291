import { withOrgTransaction } from '@/db/rls';
import type { TCursor } from './cursor';
import { readDetectionsAfter, type TFeedBatch } from './feed';

/**
 * Where a stream gets its detections. One implementation for now: each
 * connection polls Postgres itself under RLS. The shared per-org hub replaces
 * it behind this same interface.
 */
export type TDetectionSource = {
  readAfter(cursor: TCursor): Promise<TFeedBatch>;
};

export function createOrgSource(orgId: string): TDetectionSource {
  return {
    readAfter: (cursor) => withOrgTransaction(orgId, (db) => readDetectionsAfter({ db, orgId, cursor })),
  };
}
