import { readJsonValue } from '@/lib/api/body';
import { AppError } from '@/lib/errors';
import { withOrg } from '@/lib/api/with-org';
import { createListEntry, findListEntries, parseCreateListEntry } from '@/lib/lists';
import { clientIp } from '@/lib/realtime/limits';

export const dynamic = 'force-dynamic';

// POST /api/v1/lists – add an allow or block entry; it applies from the next ingest
export const POST = withOrg(async ({ req, db, orgId, user, log }) => {
  const input = parseCreateListEntry(await readJsonValue(req, { maxBytes: 4096 }));
  const entry = await createListEntry({ db, orgId, actor: user, ip: clientIp(req), input });
  log.info({ listEntryId: entry.id, type: entry.type, action: entry.action }, 'list entry created');
  return Response.json({ entry }, { status: 201 });
});

// GET /api/v1/lists – live entries, newest first; ?include=expired adds the expired ones
export const GET = withOrg(async ({ req, db, orgId }) => {
  const include = new URL(req.url).searchParams.get('include');
  if (include !== null && include !== 'expired') {
    throw new AppError('validation_error', 'include: Must be "expired" (or left out)', { field: 'include' });
  }
  return Response.json({ entries: await findListEntries({ db, orgId, includeExpired: include === 'expired' }) });
});
