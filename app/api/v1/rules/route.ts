import { withOrg } from '@/lib/api/with-org';
import { createRule, findRules, ZCreateRuleSchema } from '@/lib/rules';

export const dynamic = 'force-dynamic';

// GET /api/v1/rules – the org's rules (the defaults are seeded on first use)
export const GET = withOrg(async ({ db, orgId }) => Response.json({ rules: await findRules({ db, orgId }) }));

// POST /api/v1/rules – add a custom rule
export const POST = withOrg(
  async ({ body, db, orgId, user, ip, log }) => {
    const rule = await createRule({ db, orgId, actor: user, ip, input: body });
    log.info({ ruleId: rule.id, key: rule.key }, 'rule created');
    return Response.json({ rule }, { status: 201 });
  },
  { permission: 'rules.edit', body: { schema: ZCreateRuleSchema, maxBytes: 4096 } },
);
