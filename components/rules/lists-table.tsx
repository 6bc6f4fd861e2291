'use client';

import { Badge } from '@/components/ui/badge';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { ActionsTd, Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useRemoveListEntry } from '@/hooks/use-lists';
import { useCan } from '@/hooks/use-permissions';
import { LIST_TYPE_LABEL, type TListEntry } from '@/lib/lists/schema';

const expiry = (entry: TListEntry) => (entry.expiresAt ? new Date(entry.expiresAt).toLocaleString() : 'Never');

export function ListsTable({ orgId, entries }: { orgId: string; entries: TListEntry[] }) {
  const remove = useRemoveListEntry(orgId);
  // Removing an allow entry can start blocking a good customer: ask inline first.
  const confirm = useInlineConfirm();
  // Removing an entry of either list takes an owner or admin.
  const canRemove = useCan('lists.remove');

  return (
    <Table data-testid="lists-table">
      <TableHead columns={['Type', 'Value', 'Action', 'Expires', 'Reason', 'Added']} actions={canRemove} />
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
            {canRemove ? (
              <ActionsTd>
                <ConfirmAction
                  {...confirm.row(entry.id)}
                  verb="Remove"
                  pendingLabel="Removing…"
                  pending={remove.isPending}
                  onConfirm={() => remove.mutate(entry, { onSettled: confirm.done })}
                  testIds={{ ask: 'remove-entry', confirm: 'confirm-remove' }}
                />
              </ActionsTd>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
