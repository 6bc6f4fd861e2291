import { z } from 'zod';
import { withApiKey } from '@/lib/api/with-api-key';
import { nudgeOrg } from '@/lib/nudge';
import { NOT_FOUND, parseOutcomeInput, recordOutcome } from '@/lib/outcomes';

export const dynamic = 'force-dynamic';

// POST /api/v1/transactions/:externalId/events – the merchant's backend reports what became of a payment (API key); 201 new, 200 an id already recorded
export const POST = withApiKey(
  async ({ params, body, db, orgId, keyId, log, afterCommit }) => {
    const { event, created } = await recordOutcome({ db, orgId, target: { externalId: params.externalId }, input: body, actor: { kind: 'api_key', keyId } });
    if (created) afterCommit(() => nudgeOrg(orgId));
    log.info({ detectionId: event.detectionId, type: event.type, created }, 'outcome recorded');
    return Response.json({ event }, { status: created ? 201 : 200 });
  },
  // An externalId is at most 128 characters (ingest refuses longer), so a longer one names nothing.
  { params: z.object({ externalId: z.string().min(1, NOT_FOUND.externalId).max(128, NOT_FOUND.externalId) }), body: { parse: parseOutcomeInput, maxBytes: 8192 } },
);
