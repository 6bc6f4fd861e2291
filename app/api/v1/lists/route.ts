import { z } from 'zod';
import { withOrg } from '@/lib/api/with-org';
import { createListEntry, findListEntries, listEntryPermission, parseCreateListEntry } from '@/lib/lists';

export const dynamic = 'force-dynamic';

// POST /api/v1/lists – add an allow or block entry; it applies from the next ingest.
// Analysts may block (the war room); letting traffic through takes an admin.
export const POST = withOrg(
  async ({ body, db, orgId, user, ip, log, authorize }) => {
    authorize(listEntryPermission(body.action));
    const entry = await createListEntry({ db, orgId, actor: user, ip, input: body });
    log.info({ listEntryId: entry.id, type: entry.type, action: entry.action }, 'list entry created');
    return Response.json({ entry }, { status: 201 });
  },
  { permission: 'lists.block', body: { parse: parseCreateListEntry, maxBytes: 4096 } },
);

// GET /api/v1/lists – live entries, newest first; ?include=expired adds the expired ones
export const GET = withOrg(
  async ({ query, db, orgId }) => Response.json({ entries: await findListEntries({ db, orgId, includeExpired: query.include === 'expired' }) }),
  { query: z.object({ include: z.literal('expired', { error: 'Must be "expired" (or left out)' }).optional() }) },
);
