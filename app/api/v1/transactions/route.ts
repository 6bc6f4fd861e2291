import { readJsonValue } from '@/lib/api/body';
import { AppError, validationError } from '@/lib/errors';
import { withApiKey } from '@/lib/api/with-api-key';
import { observeAttack } from '@/lib/attacks/observe';
import { findCardNumberField, ingestTransaction, ZTransactionInputSchema } from '@/lib/detections';
import { env } from '@/lib/env';
import { nudgeOrg } from '@/lib/nudge';

export const dynamic = 'force-dynamic';

// POST /api/v1/transactions – score and store one payment attempt (API key)
export const POST = withApiKey(async ({ req, orgId, log, inOrg }) => {
  const body = await readJsonValue(req, { maxBytes: env().INGEST_MAX_BODY_BYTES });
  // SECURITY: refuse a card number anywhere in the body before it is parsed, logged or stored.
  const panField = findCardNumberField(body);
  if (panField) {
    throw new AppError(
      'card_number_refused',
      `${panField} looks like a full card number. Orylo never accepts card numbers: send card.fingerprint, card.bin and card.last4 instead.`,
      { field: panField },
    );
  }
  const parsed = ZTransactionInputSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);

  const { detection, created } = await inOrg((db) => ingestTransaction({ db, orgId, input: parsed.data }));
  // After commit, never inside the transaction: wake this org's streams now,
  // and let the card-testing detector look (coalesced, in the background).
  if (created) {
    nudgeOrg(orgId);
    observeAttack(orgId);
  }
  log.info({ detectionId: detection.id, decision: detection.decision, score: detection.score, created }, 'transaction scored');
  return Response.json({ detection }, { status: created ? 201 : 200 });
});
