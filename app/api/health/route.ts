import { sql } from 'drizzle-orm';
import { withPublic } from '@/lib/api/with-session';
import { appDb } from '@/lib/db';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

// GET /api/health – liveness and database reachability, for launchers and load balancers
export const GET = withPublic(async () => {
  try {
    await appDb().db.execute(sql`select 1`);
  } catch {
    throw new AppError('unavailable', 'The database is unreachable.', { retryAfter: 5 });
  }
  return Response.json({ ok: true });
});
