'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { forgetApiKey, recallApiKey, rememberApiKey } from '@/components/dashboard/last-api-key';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import type { TCreatedApiKey } from '@/hooks/query-options';
import { useApiKeys } from '@/hooks/use-api-keys';
import { useErrorText } from '@/hooks/use-error-text';
import { useCan } from '@/hooks/use-permissions';
import { ApiError } from '@/lib/api-client';
import type { TApiKey } from '@/lib/api-keys/keys';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';
import { NewKeyBox } from './new-key-box';

export function ApiKeysView() {
  const t = useTranslations('apiKeys');
  const errorText = useErrorText();
  const orgId = useOrgId();
  const canManage = useCan('api-keys.manage');
  const keys = useApiKeys(orgId, { enabled: canManage });
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);

  const onCreated = (key: TCreatedApiKey) => {
    setCreated(key);
    rememberApiKey(orgId, key.key);
  };
  const onRevoked = (key: TApiKey) => {
    if (recallApiKey(orgId)?.startsWith(key.prefix)) forgetApiKey(orgId);
    if (created?.id === key.id) setCreated(null);
  };

  // A role changed since the page loaded: the 403 says why.
  const forbidden = keys.error instanceof ApiError && keys.error.status === 403 ? keys.error : null;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('subtitle')}</p>
        </div>
      </div>

      {!canManage ? (
        <Card>
          <CardBody>
            <RoleNote permission="api-keys.manage" cannot={t('cannot')} />
          </CardBody>
        </Card>
      ) : forbidden ? (
        <Alert testId="api-keys-forbidden">{errorText(forbidden)}</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title={t('create.title')} />
            <CardBody className="form">
              <CreateApiKeyForm orgId={orgId} onCreated={onCreated} />
              {created ? <NewKeyBox created={created} onDismiss={() => setCreated(null)} /> : null}
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={t('list.title')} description={t('list.description')} />
            {keys.isPending ? (
              <CardBody>
                <div className="skeleton" />
              </CardBody>
            ) : keys.isError ? (
              <CardBody>
                <Alert>{t('list.loadFailed', { error: errorText(keys.error) })}</Alert>
              </CardBody>
            ) : keys.data.apiKeys.length === 0 ? (
              <CardBody>
                <p className="muted">{t('list.empty')}</p>
              </CardBody>
            ) : (
              <ApiKeysTable orgId={orgId} apiKeys={keys.data.apiKeys} onRevoked={onRevoked} />
            )}
          </Card>
        </>
      )}
    </>
  );
}
