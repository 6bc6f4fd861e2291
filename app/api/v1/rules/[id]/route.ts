import { z } from 'zod';
import { readJsonBody } from '@/lib/api/body';
import { AppError } from '@/lib/errors';
import { withOrg } from '@/lib/api/with-org';
import { clientIp } from '@/lib/realtime/limits';
import { updateRule, ZUpdateRuleSchema } from '@/lib/rules';

export const dynamic = 'force-dynamic';

// PATCH /api/v1/rules/:id – edit a rule; the next ingest uses it (version + 1)
export const PATCH = withOrg(async ({ req, db, orgId, user, params, log }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new AppError('not_found', 'No rule with this id in your organization.');
  const input = await readJsonBody(req, ZUpdateRuleSchema, { maxBytes: 4096 });
  const rule = await updateRule({ db, orgId, actor: user, ip: clientIp(req), id: id.data, input });
  log.info({ ruleId: rule.id, version: rule.version }, 'rule updated');
  return Response.json({ rule });
});
