'use client';

import { Badge } from '@/components/ui/badge';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { ActionsTd, Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useRevokeApiKey } from '@/hooks/use-api-keys';
import type { TApiKey } from '@/lib/api-keys/keys';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

export function ApiKeysTable({ orgId, apiKeys, onRevoked }: { orgId: string; apiKeys: TApiKey[]; onRevoked: (key: TApiKey) => void }) {
  const revoke = useRevokeApiKey(orgId);
  // Revoking breaks the integration using the key at once: ask inline first.
  const confirm = useInlineConfirm();

  return (
    <Table data-testid="api-keys-table">
      <TableHead columns={['Name', 'Key', 'Created', 'Last used', 'Status']} actions />
      <TBody>
        {apiKeys.map((key) => (
          <Tr key={key.id} data-testid="api-key-row" data-key-id={key.id}>
            <Td>{key.name}</Td>
            <Td className="mono">{key.prefix}…</Td>
            <Td>{when(key.createdAt)}</Td>
            <Td>{when(key.lastUsedAt)}</Td>
            <Td>{key.revokedAt ? <Badge tone="block">Revoked</Badge> : <Badge tone="allow">Active</Badge>}</Td>
            <ActionsTd>
              {key.revokedAt ? null : (
                <ConfirmAction
                  {...confirm.row(key.id)}
                  verb="Revoke"
                  pendingLabel="Revoking…"
                  warning="Requests with it will fail."
                  pending={revoke.isPending}
                  onConfirm={() => revoke.mutate(key, { onSuccess: () => onRevoked(key), onSettled: confirm.done })}
                  testIds={{ ask: 'revoke-api-key', confirm: 'confirm-revoke' }}
                />
              )}
            </ActionsTd>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
