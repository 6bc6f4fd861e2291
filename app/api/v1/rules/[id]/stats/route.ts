import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { getRuleStatsOrThrow, ZRuleStatsQuerySchema } from '@/lib/rules';

export const dynamic = 'force-dynamic';

// GET /api/v1/rules/:id/stats?window=24h|7d|30d – a rule's fires, the decisions and reviews that followed, and its label precision
export const GET = withOrg(
  async ({ params, query, db, orgId }) => Response.json(await getRuleStatsOrThrow({ db, orgId, ruleId: params.id, window: query.window })),
  { params: z.object({ id: uuidParam('rule') }), query: ZRuleStatsQuerySchema },
);
