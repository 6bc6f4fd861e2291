'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { ActionsTd, Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useFormats } from '@/hooks/use-formats';
import { useRemoveListEntry } from '@/hooks/use-lists';
import { useCan } from '@/hooks/use-permissions';
import type { TListEntry } from '@/lib/lists/schema';

export function ListsTable({ orgId, entries }: { orgId: string; entries: TListEntry[] }) {
  const t = useTranslations('rules.lists');
  const f = useFormats();
  const remove = useRemoveListEntry(orgId);
  // Removing an allow entry can start blocking a good customer: ask inline first.
  const confirm = useInlineConfirm();
  // Removing an entry of either list takes an owner or admin.
  const canRemove = useCan('lists.remove');
  const columns = [t('columns.type'), t('columns.value'), t('columns.action'), t('columns.expires'), t('columns.reason'), t('columns.added')];

  return (
    <Table data-testid="lists-table">
      <TableHead columns={columns} actions={canRemove} />
      <TBody>
        {entries.map((entry) => (
          <Tr key={entry.id} data-testid="list-row" data-entry-id={entry.id} style={entry.expired ? { opacity: 0.6 } : undefined}>
            <Td>{t(`type.${entry.type}`)}</Td>
            <Td className="mono" translate="no">
              {entry.value}
            </Td>
            <Td>
              <Badge tone={entry.action === 'block' ? 'block' : 'allow'}>{t(`action.${entry.action}`)}</Badge>
            </Td>
            <Td>
              {entry.expired ? (
                <Badge>{t('expired')}</Badge>
              ) : entry.expiresAt ? (
                // The date to read, and how long is left ("in 23 hours") on hover.
                <span title={f.relative(entry.expiresAt)}>{f.dateTime(entry.expiresAt)}</span>
              ) : (
                t('never')
              )}
            </Td>
            <Td>{entry.reason ? <span translate="no">{entry.reason}</span> : <span className="muted">—</span>}</Td>
            <Td>
              {f.dateTime(entry.createdAt)}
              {entry.createdBy ? (
                <span className="hint">
                  {' '}
                  {t.rich('by', { who: entry.createdBy, name: (chunks) => <span translate="no">{chunks}</span> })}
                </span>
              ) : null}
            </Td>
            {canRemove ? (
              <ActionsTd>
                <ConfirmAction
                  {...confirm.row(entry.id)}
                  verb={t('remove')}
                  pendingLabel={t('removing')}
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
