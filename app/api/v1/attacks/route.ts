import { z } from 'zod';
import { withOrg } from '@/lib/api/with-org';
import { findAttacks, trackOpenAttack, ZAttackStatusSchema } from '@/lib/attacks';

export const dynamic = 'force-dynamic';

// GET /api/v1/attacks?status=open|closed – the active org's card-testing incidents, newest first
export const GET = withOrg(
  async ({ query, db, orgId }) => {
    const attacks = await findAttacks({ db, orgId, status: query.status });
    // An incident left open (its instance restarted): this one sweeps it until it closes.
    if (attacks.some((a) => a.status === 'open')) trackOpenAttack(orgId);
    return Response.json({ attacks });
  },
  { query: z.object({ status: ZAttackStatusSchema.optional() }) },
);
