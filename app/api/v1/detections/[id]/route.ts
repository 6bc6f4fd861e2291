import { z } from 'zod';
import { withOrg } from '@/lib/api/with-org';
import { getDetectionOrThrow } from '@/lib/detections/get';

export const dynamic = 'force-dynamic';

// GET /api/v1/detections/:id – one detection of the active org ({ detection }); 400 for a malformed id, 404 for an unknown one
export const GET = withOrg(
  async ({ params, db, orgId }) => Response.json({ detection: await getDetectionOrThrow({ db, orgId, id: params.id }) }),
  // The id is checked by the domain (a 400), not by the wrapper's params schema (a 404 for anything).
  { params: z.object({ id: z.string() }) },
);
