import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { endSnooze } from '@/lib/snoozes';

export const dynamic = 'force-dynamic';

// DELETE /api/v1/snoozes/:id – end a snooze now (kept, with ended_at, for the audit trail)
export const DELETE = withOrg(
  async ({ params, db, orgId, user, ip, log }) => {
    const snooze = await endSnooze({ db, orgId, actor: user, ip, id: params.id });
    log.info({ snoozeId: snooze.id, ruleId: snooze.ruleId }, 'rule snooze ended');
    return Response.json({ snooze });
  },
  { permission: 'rules.snooze', params: z.object({ id: uuidParam('snooze') }) },
);
