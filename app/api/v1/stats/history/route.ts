import { withOrg } from '@/lib/api/with-org';
import { getDecisionHistory, ZHistoryQuerySchema } from '@/lib/detections';

export const dynamic = 'force-dynamic';

// GET /api/v1/stats/history?range=24h|7d|30d – detections by decision for the dashboard's longer views, from the rollups
export const GET = withOrg(async ({ query, db, orgId }) => Response.json(await getDecisionHistory({ db, orgId, range: query.range })), {
  query: ZHistoryQuerySchema,
});
