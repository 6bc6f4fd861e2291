import { z } from 'zod';
import { withOrg } from '@/lib/api/with-org';
import { findRelated } from '@/lib/detections/related';

export const dynamic = 'force-dynamic';

// GET /api/v1/detections/:id/related – per key of the detection, attempts and decisions over 24 h / 7 d / 30 d
// ending at the detection, and the customer's usual amount (lib/detections/related.ts)
export const GET = withOrg(
  async ({ params, db, orgId }) => Response.json({ related: await findRelated({ db, orgId, id: params.id }) }),
  { params: z.object({ id: z.string() }) },
);
