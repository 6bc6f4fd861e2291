import { withApiKey } from '@/lib/api/with-api-key';
import { observeAttack } from '@/lib/attacks';
import { ingestTransaction, parseTransactionInput } from '@/lib/detections';
import { env } from '@/lib/env';
import { nudgeOrg } from '@/lib/nudge';

export const dynamic = 'force-dynamic';

// POST /api/v1/transactions – score and store one payment attempt (API key)
export const POST = withApiKey(
  async ({ body, db, orgId, log, afterCommit }) => {
    const { detection, created } = await ingestTransaction({ db, orgId, input: body });
    // Once committed: wake this org's streams now, and let the card-testing
    // detector look (coalesced, in the background).
    if (created) {
      afterCommit(() => {
        nudgeOrg(orgId);
        observeAttack(orgId);
      });
    }
    log.info({ detectionId: detection.id, decision: detection.decision, score: detection.score, created }, 'transaction scored');
    return Response.json({ detection }, { status: created ? 201 : 200 });
  },
  { body: { parse: parseTransactionInput, maxBytes: () => env().INGEST_MAX_BODY_BYTES } },
);
