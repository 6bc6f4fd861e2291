import { validationError } from '@/lib/errors';
import { withOrg } from '@/lib/api/with-org';
import { findAttacks, trackOpenAttack, ZAttackStatusSchema } from '@/lib/attacks';

export const dynamic = 'force-dynamic';

// GET /api/v1/attacks?status=open|closed – the active org's card-testing incidents, newest first
export const GET = withOrg(async ({ req, db, orgId }) => {
  const raw = new URL(req.url).searchParams.get('status');
  let status;
  if (raw !== null) {
    const parsed = ZAttackStatusSchema.safeParse(raw);
    if (!parsed.success) throw validationError(parsed.error, 'status');
    status = parsed.data;
  }
  const attacks = await findAttacks({ db, orgId, status });
  // An incident left open (its instance restarted): this one sweeps it until it closes.
  if (attacks.some((a) => a.status === 'open')) trackOpenAttack(orgId);
  return Response.json({ attacks });
});
