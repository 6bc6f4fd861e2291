'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useRevokeApiKey } from '@/hooks/use-api-keys';
import type { TApiKey } from '@/lib/api-keys/keys';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

export function ApiKeysTable({ orgId, apiKeys, onRevoked }: { orgId: string; apiKeys: TApiKey[]; onRevoked: (key: TApiKey) => void }) {
  const revoke = useRevokeApiKey(orgId);
  // Revoking breaks the integration using the key at once: ask inline first.
  const [confirmingId, setConfirmingId] = useState<string | null>(null);

  return (
    <Table data-testid="api-keys-table">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {apiKeys.map((key) => (
          <Tr key={key.id} data-testid="api-key-row" data-key-id={key.id}>
            <Td>{key.name}</Td>
            <Td className="mono">{key.prefix}…</Td>
            <Td>{when(key.createdAt)}</Td>
            <Td>{when(key.lastUsedAt)}</Td>
            <Td>{key.revokedAt ? <Badge tone="block">Revoked</Badge> : <Badge tone="allow">Active</Badge>}</Td>
            <Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
              {key.revokedAt ? null : confirmingId === key.id ? (
                <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
                  <span className="hint">Requests with it will fail.</span>
                  <Button
                    size="sm"
                    variant="danger"
                    disabled={revoke.isPending}
                    data-testid="confirm-revoke"
                    onClick={() =>
                      revoke.mutate(key, {
                        onSuccess: () => onRevoked(key),
                        onSettled: () => setConfirmingId(null),
                      })
                    }
                  >
                    {revoke.isPending ? 'Revoking…' : 'Revoke'}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setConfirmingId(null)}>
                    Cancel
                  </Button>
                </span>
              ) : (
                <Button size="sm" variant="danger" onClick={() => setConfirmingId(key.id)} data-testid="revoke-api-key">
                  Revoke…
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
