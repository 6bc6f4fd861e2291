'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { useDeleteWebhook, useRotateWebhookSecret, useSendTestWebhook, useUpdateWebhook, type TRotatedSecret } from '@/hooks/use-webhooks';
import type { TWebhookEndpoint } from '@/lib/webhooks/schema';
import { DeliveryLog } from './delivery-log';
import { WebhookSecretBox } from './secret-box';

/** One endpoint: what it receives, its actions (test, enable/disable, rotate, delete) and its delivery log. */
export function EndpointCard({ orgId, endpoint }: { orgId: string; endpoint: TWebhookEndpoint }) {
  const [showLog, setShowLog] = useState(false);
  const [rotated, setRotated] = useState<TRotatedSecret | null>(null);
  const update = useUpdateWebhook(orgId);
  const remove = useDeleteWebhook(orgId);
  const rotate = useRotateWebhookSecret(orgId);
  const test = useSendTestWebhook(orgId);
  const confirm = useInlineConfirm();
  const confirmRotate = useInlineConfirm();

  return (
    <Card data-testid="webhook-endpoint" data-webhook-id={endpoint.id}>
      <CardHeader
        title={<span className="mono" style={{ wordBreak: 'break-all' }}>{endpoint.url}</span>}
        description={
          <>
            {endpoint.events.map((e) => (
              <code key={e} style={{ marginRight: 6 }}>
                {e}
              </code>
            ))}
            {endpoint.decisions ? <span className="hint"> (detection.created: {endpoint.decisions.join(', ')} only)</span> : null}
          </>
        }
        actions={endpoint.enabled ? <Badge tone="allow">Enabled</Badge> : <Badge tone="review">Disabled</Badge>}
      />
      <CardBody className="form">
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          <Button size="sm" onClick={() => { test.mutate(endpoint.id); setShowLog(true); }} disabled={test.isPending} data-testid="webhook-send-test">
            {test.isPending ? 'Queueing…' : 'Send test event'}
          </Button>
          <Button size="sm" onClick={() => setShowLog(!showLog)} data-testid="webhook-toggle-log" aria-expanded={showLog}>
            {showLog ? 'Hide deliveries' : 'Deliveries'}
          </Button>
          <Button size="sm" onClick={() => update.mutate({ id: endpoint.id, enabled: !endpoint.enabled })} disabled={update.isPending} data-testid="webhook-toggle-enabled">
            {endpoint.enabled ? 'Disable' : 'Enable'}
          </Button>
          <ConfirmAction
            {...confirmRotate.row(endpoint.id)}
            verb="Rotate secret"
            pendingLabel="Rotating…"
            warning="The old secret keeps signing for 24 h."
            pending={rotate.isPending}
            onConfirm={() => rotate.mutate(endpoint.id, { onSuccess: setRotated, onSettled: confirmRotate.done })}
            testIds={{ ask: 'webhook-rotate', confirm: 'webhook-confirm-rotate' }}
          />
          <ConfirmAction
            {...confirm.row(endpoint.id)}
            verb="Delete"
            pendingLabel="Deleting…"
            warning="Nothing more is sent; its log goes too."
            pending={remove.isPending}
            onConfirm={() => remove.mutate(endpoint, { onSettled: confirm.done })}
            testIds={{ ask: 'webhook-delete', confirm: 'webhook-confirm-delete' }}
          />
        </div>
        {endpoint.previousSecretExpiresAt ? (
          <p className="hint">The previous secret still signs alongside the current one until {new Date(endpoint.previousSecretExpiresAt).toLocaleString()}.</p>
        ) : null}
        {rotated ? <WebhookSecretBox url={endpoint.url} secret={rotated.secret} note={rotated.message} onDismiss={() => setRotated(null)} /> : null}
        {showLog ? <DeliveryLog orgId={orgId} endpointId={endpoint.id} /> : null}
      </CardBody>
    </Card>
  );
}
