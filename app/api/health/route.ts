import { sql } from 'drizzle-orm';
import { appDb } from '@/lib/db';
import { handle, requestLogger } from '@/lib/api/context';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

// GET /api/health – liveness and database reachability, for launchers and load balancers
export async function GET(req: Request): Promise<Response> {
  const { log } = requestLogger(req);
  return handle(log, async () => {
    try {
      await appDb().db.execute(sql`select 1`);
    } catch {
      throw new AppError('unavailable', 'The database is unreachable.', { retryAfter: 5 });
    }
    return Response.json({ ok: true });
  });
}
