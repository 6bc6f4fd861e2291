import { withOrg } from '@/lib/api/with-org';
import { findDetections, ZFindDetectionsQuerySchema } from '@/lib/detections';
import { currentCursor, readDetectionsAfter } from '@/lib/realtime/feed';
import { formatCursor } from '@/lib/stream-protocol';

export const dynamic = 'force-dynamic';

// GET /api/v1/detections – newest first with ?limit=&cursor= and the filters of lib/detections/filters.ts,
// or with ?after=<stream cursor> the rows after it, oldest first (polling fallback)
export const GET = withOrg(
  async ({ query, db, orgId }) => {
    const { after, limit, cursor, ...filters } = query;
    if (after) {
      const batch = await readDetectionsAfter({ db, orgId, cursor: after, limit: Math.min(limit * 4, 500) });
      return Response.json({ detections: batch.detections, cursor: formatCursor(batch.cursor), hasMore: batch.hasMore });
    }
    // The horizon is read before the page so that opening the stream from it
    // can only repeat rows (the client dedupes by id), never miss one.
    const streamCursor = formatCursor(await currentCursor(db));
    const page = await findDetections({ db, orgId, limit, cursor, filters });
    return Response.json({ ...page, streamCursor });
  },
  { query: ZFindDetectionsQuerySchema },
);
