'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useRemoveListEntry } from '@/hooks/use-lists';
import { LIST_TYPE_LABEL, type TListEntry } from '@/lib/lists/schema';

const expiry = (entry: TListEntry) => (entry.expiresAt ? new Date(entry.expiresAt).toLocaleString() : 'Never');

export function ListsTable({ orgId, entries }: { orgId: string; entries: TListEntry[] }) {
  const remove = useRemoveListEntry(orgId);
  // Removing an allow entry can start blocking a good customer: ask inline first.
  const [confirmingId, setConfirmingId] = useState<string | null>(null);

  return (
    <Table data-testid="lists-table">
      <THead>
        <Tr>
          <Th>Type</Th>
          <Th>Value</Th>
          <Th>Action</Th>
          <Th>Expires</Th>
          <Th>Reason</Th>
          <Th>Added</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <Tr key={entry.id} data-testid="list-row" data-entry-id={entry.id} style={entry.expired ? { opacity: 0.6 } : undefined}>
            <Td>{LIST_TYPE_LABEL[entry.type]}</Td>
            <Td className="mono">{entry.value}</Td>
            <Td>
              <Badge tone={entry.action === 'block' ? 'block' : 'allow'}>{entry.action.toUpperCase()}</Badge>
            </Td>
            <Td>{entry.expired ? <Badge>Expired</Badge> : expiry(entry)}</Td>
            <Td>{entry.reason ?? <span className="muted">—</span>}</Td>
            <Td>
              {new Date(entry.createdAt).toLocaleString()}
              {entry.createdBy ? <span className="hint"> by {entry.createdBy}</span> : null}
            </Td>
            <Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
              {confirmingId === entry.id ? (
                <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
                  <Button
                    size="sm"
                    variant="danger"
                    disabled={remove.isPending}
                    data-testid="confirm-remove"
                    onClick={() => remove.mutate(entry, { onSettled: () => setConfirmingId(null) })}
                  >
                    {remove.isPending ? 'Removing…' : 'Remove'}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setConfirmingId(null)}>
                    Cancel
                  </Button>
                </span>
              ) : (
                <Button size="sm" variant="danger" onClick={() => setConfirmingId(entry.id)} data-testid="remove-entry">
                  Remove…
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
