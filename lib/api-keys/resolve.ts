import { sql } from 'drizzle-orm';
import { appDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { processState } from '@/lib/process-state';
import { hashApiKey, looksLikeApiKey } from './secret';

// Per process: both module graphs must agree on when a key was last written.
const lastTouched = processState('api-keys.last-touched', () => new Map<string, number>());

/**
 * Bearer key → its org. Goes through the SECURITY DEFINER lookup because RLS
 * hides api_keys until the org is known. A revoked key no longer resolves.
 */
export async function resolveApiKeyOrThrow(authorization: string | null): Promise<{ keyId: string; orgId: string }> {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!match) {
    throw new AppError('unauthorized', 'Send your API key as "Authorization: Bearer <key>". Create one under Settings → API keys.');
  }
  const key = match[1];
  if (!looksLikeApiKey(key)) throw new AppError('unauthorized', 'This API key is not valid.');
  const rows = (await appDb().db.execute(
    sql`select key_id, organization_id from orylo_resolve_api_key(${hashApiKey(key)})`,
  )) as unknown as { key_id: string; organization_id: string }[];
  const row = rows[0];
  if (!row) throw new AppError('unauthorized', 'This API key is not valid or has been revoked.');
  return { keyId: row.key_id, orgId: row.organization_id };
}

/** Records last use at most once a minute per key, so ingest does not write a key row per request. */
export function shouldTouchKey(keyId: string, now = Date.now()): boolean {
  const last = lastTouched.get(keyId) ?? 0;
  if (now - last < 60_000) return false;
  lastTouched.set(keyId, now);
  return true;
}
