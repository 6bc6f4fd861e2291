import { withOrg } from '@/lib/api/with-org';
import { getStripeStatus, parseStripeSecretInput, removeStripeSecret, setStripeSecret } from '@/lib/stripe';

export const dynamic = 'force-dynamic';

// GET /api/v1/settings/stripe – whether Stripe is connected, since when, by whom, the endpoint URL to give Stripe; never the secret
export const GET = withOrg(async ({ db, orgId }) => Response.json({ stripe: await getStripeStatus({ db, orgId }) }));

// PUT /api/v1/settings/stripe – save or replace the Stripe webhook signing secret (stored sealed)
export const PUT = withOrg(
  async ({ body, db, orgId, user, ip, log }) => {
    const stripe = await setStripeSecret({ db, orgId, user, ip, input: body });
    log.info('stripe webhook secret saved');
    return Response.json({ stripe });
  },
  { permission: 'integrations.manage', body: { parse: parseStripeSecretInput, maxBytes: 2048 } },
);

// DELETE /api/v1/settings/stripe – remove the secret: Stripe's deliveries are refused from then on
export const DELETE = withOrg(
  async ({ db, orgId, user, ip, log }) => {
    const stripe = await removeStripeSecret({ db, orgId, user, ip });
    log.info('stripe webhook secret removed');
    return Response.json({ stripe });
  },
  { permission: 'integrations.manage' },
);
