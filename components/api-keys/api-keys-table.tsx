'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { ActionsTd, Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useRevokeApiKey } from '@/hooks/use-api-keys';
import { useFormats } from '@/hooks/use-formats';
import type { TApiKey } from '@/lib/api-keys/keys';

export function ApiKeysTable({ orgId, apiKeys, onRevoked }: { orgId: string; apiKeys: TApiKey[]; onRevoked: (key: TApiKey) => void }) {
  const t = useTranslations('apiKeys.list');
  const f = useFormats();
  const when = (iso: string | null) => (iso ? f.dateTime(iso) : t('never'));
  const revoke = useRevokeApiKey(orgId);
  // Revoking breaks the integration using the key at once: ask inline first.
  const confirm = useInlineConfirm();

  return (
    <Table data-testid="api-keys-table">
      <TableHead columns={[t('columns.name'), t('columns.key'), t('columns.created'), t('columns.lastUsed'), t('columns.status')]} actions />
      <TBody>
        {apiKeys.map((key) => (
          <Tr key={key.id} data-testid="api-key-row" data-key-id={key.id}>
            <Td translate="no">{key.name}</Td>
            <Td className="mono">{key.prefix}…</Td>
            <Td>{when(key.createdAt)}</Td>
            <Td>{when(key.lastUsedAt)}</Td>
            <Td>{key.revokedAt ? <Badge tone="block">{t('revoked')}</Badge> : <Badge tone="allow">{t('active')}</Badge>}</Td>
            <ActionsTd>
              {key.revokedAt ? null : (
                <ConfirmAction
                  {...confirm.row(key.id)}
                  verb={t('revoke')}
                  pendingLabel={t('revoking')}
                  warning={t('revokeWarning')}
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
