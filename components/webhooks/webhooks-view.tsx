'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { useErrorText } from '@/hooks/use-error-text';
import { useCan } from '@/hooks/use-permissions';
import { useWebhooks, type TCreatedWebhook } from '@/hooks/use-webhooks';
import { ApiError } from '@/lib/api-client';
import { MAX_WEBHOOK_ENDPOINTS } from '@/lib/webhooks/catalog';
import { CreateWebhookForm } from './create-webhook-form';
import { EndpointCard } from './endpoint-card';
import { WebhookSecretBox } from './secret-box';
import { VerifySnippetCard } from './verify-snippet-card';

export function WebhooksView() {
  const t = useTranslations('webhooks');
  const errorText = useErrorText();
  const orgId = useOrgId();
  const canManage = useCan('webhooks.manage');
  const webhooks = useWebhooks(orgId, { enabled: canManage });
  const [created, setCreated] = useState<TCreatedWebhook | null>(null);
  // A role changed since the page loaded: the 403 says why.
  const forbidden = webhooks.error instanceof ApiError && webhooks.error.status === 403 ? webhooks.error : null;

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
            <RoleNote permission="webhooks.manage" cannot={t('cannot')} />
          </CardBody>
        </Card>
      ) : forbidden ? (
        <Alert testId="webhooks-forbidden">{errorText(forbidden)}</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title={t('add.title')} description={t('add.description', { max: MAX_WEBHOOK_ENDPOINTS })} />
            <CardBody className="form">
              <CreateWebhookForm orgId={orgId} onCreated={setCreated} />
              {created ? <WebhookSecretBox url={created.url} secret={created.secret} onDismiss={() => setCreated(null)} /> : null}
            </CardBody>
          </Card>

          {webhooks.isPending ? (
            <div className="skeleton" />
          ) : webhooks.isError ? (
            <Alert>{t('loadFailed', { error: errorText(webhooks.error) })}</Alert>
          ) : webhooks.data.webhooks.length === 0 ? (
            <Card>
              <CardBody>
                <p className="muted">{t('empty')}</p>
              </CardBody>
            </Card>
          ) : (
            webhooks.data.webhooks.map((endpoint) => <EndpointCard key={endpoint.id} orgId={orgId} endpoint={endpoint} />)
          )}

          <VerifySnippetCard />
        </>
      )}
    </>
  );
}
