import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { apiKeys, type TApiKeyRow } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { generateApiKey } from './secret';

export const ZCreateApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Give the key a name, for example "Production checkout"').max(100, 'At most 100 characters'),
});
export type TCreateApiKey = z.infer<typeof ZCreateApiKeySchema>;

export type TApiKey = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

function toApiKey(row: TApiKeyRow): TApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a key; the plaintext is returned here once and never stored. */
export async function createApiKey(options: { db: Executor; orgId: string; userId: string; input: TCreateApiKey }) {
  const secret = generateApiKey();
  const [row] = await options.db
    .insert(apiKeys)
    .values({ organizationId: options.orgId, name: options.input.name, keyHash: secret.hash, keyPrefix: secret.prefix, createdBy: options.userId })
    .returning();
  return { ...toApiKey(row), key: secret.key };
}

export async function findApiKeys(options: { db: Executor; orgId: string }): Promise<TApiKey[]> {
  const rows = await options.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, options.orgId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toApiKey);
}

/** Revokes at once: the next request with the key gets 401. */
export async function revokeApiKey(options: { db: Executor; orgId: string; id: string }): Promise<TApiKey> {
  const [row] = await options.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, options.id), eq(apiKeys.organizationId, options.orgId), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw new AppError('not_found', 'No active API key with this id in your organization.');
  return toApiKey(row);
}
