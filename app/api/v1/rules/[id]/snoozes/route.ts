import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { createSnooze, parseCreateSnooze } from '@/lib/snoozes';

export const dynamic = 'force-dynamic';

// POST /api/v1/rules/:id/snoozes – stop one rule deciding for one email, card, customer or device
// for a while (still evaluated, reported in shadow); audited, applies from the next ingest.
export const POST = withOrg(
  async ({ params, body, db, orgId, user, ip, log }) => {
    const snooze = await createSnooze({ db, orgId, actor: user, ip, ruleId: params.id, input: body });
    log.info({ snoozeId: snooze.id, ruleId: snooze.ruleId, entityType: snooze.entityType, expiresAt: snooze.expiresAt }, 'rule snoozed');
    return Response.json({ snooze }, { status: 201 });
  },
  { permission: 'rules.snooze', params: z.object({ id: uuidParam('rule') }), body: { parse: parseCreateSnooze, maxBytes: 4096 } },
);
