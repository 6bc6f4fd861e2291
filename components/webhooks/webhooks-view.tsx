'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { useCan } from '@/hooks/use-permissions';
import { useWebhooks, type TCreatedWebhook } from '@/hooks/use-webhooks';
import { ApiError } from '@/lib/api-client';
import { MAX_WEBHOOK_ENDPOINTS } from '@/lib/webhooks/catalog';
import { CreateWebhookForm } from './create-webhook-form';
import { EndpointCard } from './endpoint-card';
import { WebhookSecretBox } from './secret-box';
import { VerifySnippetCard } from './verify-snippet-card';

export function WebhooksView() {
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
          <h1>Webhooks</h1>
          <p className="muted">Orylo tells your systems when a payment is scored, reviewed or gets an outcome, when an attack starts or ends, and when a list changes: signed JSON POSTs, retried until they are accepted.</p>
        </div>
      </div>

      {!canManage ? (
        <Card>
          <CardBody>
            <RoleNote permission="webhooks.manage" cannot="see or change webhooks" />
          </CardBody>
        </Card>
      ) : forbidden ? (
        <Alert testId="webhooks-forbidden">{forbidden.message}</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title="Add an endpoint" description={`Up to ${MAX_WEBHOOK_ENDPOINTS} per organization.`} />
            <CardBody className="form">
              <CreateWebhookForm orgId={orgId} onCreated={setCreated} />
              {created ? <WebhookSecretBox url={created.url} secret={created.secret} onDismiss={() => setCreated(null)} /> : null}
            </CardBody>
          </Card>

          {webhooks.isPending ? (
            <div className="skeleton" />
          ) : webhooks.isError ? (
            <Alert>Could not load the endpoints: {webhooks.error.message}</Alert>
          ) : webhooks.data.webhooks.length === 0 ? (
            <Card>
              <CardBody>
                <p className="muted">No endpoint yet. Add one above, then send it a test event.</p>
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
