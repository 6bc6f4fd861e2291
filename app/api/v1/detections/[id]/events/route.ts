import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { nudgeOrg } from '@/lib/nudge';
import { parseOutcomeInput, recordOutcome } from '@/lib/outcomes';

export const dynamic = 'force-dynamic';

// POST /api/v1/detections/:id/events – an analyst records an outcome (e.g. "Mark as fraud"); 201 new, 200 an id already recorded
export const POST = withOrg(
  async ({ params, body, db, orgId, user, ip, log, afterCommit }) => {
    const actor = { kind: 'member' as const, id: user.id, email: user.email, ip };
    const { event, created } = await recordOutcome({ db, orgId, target: { id: params.id }, input: body, actor });
    // Once committed, open dashboards get the new timeline and label (detection_updated).
    if (created) afterCommit(() => nudgeOrg(orgId));
    log.info({ detectionId: event.detectionId, type: event.type, created }, 'outcome recorded');
    return Response.json({ event }, { status: created ? 201 : 200 });
  },
  { permission: 'outcomes.label', params: z.object({ id: uuidParam('detection') }), body: { parse: parseOutcomeInput, maxBytes: 8192 } },
);
