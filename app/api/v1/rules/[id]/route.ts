import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { updateRule, ZUpdateRuleSchema } from '@/lib/rules';

export const dynamic = 'force-dynamic';

// PATCH /api/v1/rules/:id – edit a rule; the next ingest uses it (version + 1)
export const PATCH = withOrg(
  async ({ params, body, db, orgId, user, ip, log }) => {
    const rule = await updateRule({ db, orgId, actor: user, ip, id: params.id, input: body });
    log.info({ ruleId: rule.id, version: rule.version }, 'rule updated');
    return Response.json({ rule });
  },
  { permission: 'rules.edit', params: z.object({ id: uuidParam('rule') }), body: { schema: ZUpdateRuleSchema, maxBytes: 4096 } },
);
