import { withOrg } from '@/lib/api/with-org';
import { getStats } from '@/lib/detections';

export const dynamic = 'force-dynamic';

// GET /api/v1/stats – dashboard counters of the active org
export const GET = withOrg(async ({ db, orgId }) => Response.json(await getStats({ db, orgId })));
