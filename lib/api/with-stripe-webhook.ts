import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { STRIPE_MAX_BODY_BYTES, verifyStripeEventOrThrow, type TStripeEvent } from '@/lib/stripe';
import { MAX_JSON_DEPTH, nestingDepth, readCappedBytes } from './body';
import { handle, requestLogger } from './context';
import type { TNextContext } from './input';
import { inOrgTransaction, type TTenantContext } from './transaction';
import type { Logger } from '@/lib/logger';

export type TStripeWebhookContext = TTenantContext & { req: Request; event: TStripeEvent; log: Logger };

const ZParams = z.object({ orgId: z.string() });

/**
 * The wrapper for Stripe's webhook deliveries (no session, no API key: the
 * signature is the credential): the raw body, capped before anything (413)
 * → Stripe's own signature check against the org's secret (400, the same
 * answer whether the org exists or not) → only then the org's RLS
 * transaction → after-commit work → error mapping. Not a cookie route, so
 * no same-origin rule: Stripe posts server to server, without Origin.
 */
export function withStripeWebhook(handler: (ctx: TStripeWebhookContext) => Promise<Response>) {
  return async (req: Request, nextCtx?: TNextContext): Promise<Response> => {
    const { log } = requestLogger(req);
    return handle(log, async () => {
      const payload = await readCappedBytes(req, STRIPE_MAX_BODY_BYTES);
      // Bounded before Stripe's verifier parses it: deep nesting is refused at the cost of one pass.
      if (nestingDepth(Buffer.from(payload).toString('utf8')) > MAX_JSON_DEPTH) {
        throw new AppError('bad_request', `The body is nested more than ${MAX_JSON_DEPTH} levels deep: not a Stripe event.`);
      }
      const params = ZParams.safeParse((await nextCtx?.params) ?? {});
      const orgId = params.success ? params.data.orgId : '';
      const event = await verifyStripeEventOrThrow({ orgId, payload, signature: req.headers.get('stripe-signature'), log });
      // SECURITY: the org is trusted from here on, and not before.
      const child = log.child({ orgId, stripeEventId: event.id, stripeEventType: event.type });
      return inOrgTransaction({ orgId, log: child }, (db, afterCommit) => handler({ req, event, orgId, db, afterCommit, log: child }));
    });
  };
}
