import { z } from 'zod';
import { readJsonBody } from '@/lib/api/body';
import type { TNextContext } from '@/lib/api/context';
import { AppError } from '@/lib/errors';
import { withOrg } from '@/lib/api/with-org';
import { clientIp } from '@/lib/realtime/limits';
import { nudgeOrg } from '@/lib/nudge';
import { reviewDetection, ZReviewInputSchema } from '@/lib/reviews';

export const dynamic = 'force-dynamic';

// withOrg commits when its handler returns, so the nudge cannot be sent from
// inside it: the handler leaves the org here and POST nudges once withOrg
// (and with it the transaction) has returned.
const reviewedOrg = new WeakMap<Request, string>();

const review = withOrg(async ({ req, params, db, orgId, user, log }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new AppError('not_found', 'No detection with this id in your organization.');
  const input = await readJsonBody(req, ZReviewInputSchema, { maxBytes: 8192 });
  const detection = await reviewDetection({ db, orgId, id: id.data, actor: user, input, ip: clientIp(req) });
  reviewedOrg.set(req, orgId);
  log.info({ detectionId: detection.id, action: input.action }, 'detection reviewed');
  return Response.json({ detection });
});

// POST /api/v1/detections/:id/review – approve (→ ALLOW) or block a REVIEW detection; viewers see it live
export async function POST(req: Request, ctx: TNextContext): Promise<Response> {
  const res = await review(req, ctx);
  const orgId = reviewedOrg.get(req);
  // After commit, never inside the transaction: the streams read the update now.
  if (res.ok && orgId) nudgeOrg(orgId);
  return res;
}
