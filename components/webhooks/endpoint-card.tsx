'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { useFormats } from '@/hooks/use-formats';
import { useDeleteWebhook, useRotateWebhookSecret, useSendTestWebhook, useUpdateWebhook, type TRotatedSecret } from '@/hooks/use-webhooks';
import type { TWebhookEndpoint } from '@/lib/webhooks/schema';
import { DeliveryLog } from './delivery-log';
import { WebhookSecretBox } from './secret-box';

/** One endpoint: what it receives, its actions (test, enable/disable, rotate, delete) and its delivery log. */
export function EndpointCard({ orgId, endpoint }: { orgId: string; endpoint: TWebhookEndpoint }) {
  const t = useTranslations('webhooks');
  const f = useFormats();
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
        title={<span className="mono" style={{ wordBreak: 'break-all' }} translate="no">{endpoint.url}</span>}
        description={
          <>
            {endpoint.events.map((e) => (
              <code key={e} style={{ marginRight: 6 }}>
                {e}
              </code>
            ))}
            {endpoint.decisions ? <span className="hint"> {t('endpoint.only', { decisions: endpoint.decisions.map((decision) => t('decision', { decision })).join(', ') })}</span> : null}
          </>
        }
        actions={endpoint.enabled ? <Badge tone="allow">{t('endpoint.enabled')}</Badge> : <Badge tone="review">{t('endpoint.disabled')}</Badge>}
      />
      <CardBody className="form">
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          <Button size="sm" onClick={() => { test.mutate(endpoint.id); setShowLog(true); }} disabled={test.isPending} data-testid="webhook-send-test">
            {test.isPending ? t('endpoint.queueing') : t('endpoint.sendTest')}
          </Button>
          <Button size="sm" onClick={() => setShowLog(!showLog)} data-testid="webhook-toggle-log" aria-expanded={showLog}>
            {showLog ? t('endpoint.hideLog') : t('endpoint.showLog')}
          </Button>
          <Button size="sm" onClick={() => update.mutate({ id: endpoint.id, enabled: !endpoint.enabled })} disabled={update.isPending} data-testid="webhook-toggle-enabled">
            {endpoint.enabled ? t('endpoint.disable') : t('endpoint.enable')}
          </Button>
          <ConfirmAction
            {...confirmRotate.row(endpoint.id)}
            verb={t('endpoint.rotate')}
            pendingLabel={t('endpoint.rotating')}
            warning={t('endpoint.rotateWarning')}
            pending={rotate.isPending}
            onConfirm={() => rotate.mutate(endpoint.id, { onSuccess: setRotated, onSettled: confirmRotate.done })}
            testIds={{ ask: 'webhook-rotate', confirm: 'webhook-confirm-rotate' }}
          />
          <ConfirmAction
            {...confirm.row(endpoint.id)}
            verb={t('endpoint.delete')}
            pendingLabel={t('endpoint.deleting')}
            warning={t('endpoint.deleteWarning')}
            pending={remove.isPending}
            onConfirm={() => remove.mutate(endpoint, { onSettled: confirm.done })}
            testIds={{ ask: 'webhook-delete', confirm: 'webhook-confirm-delete' }}
          />
        </div>
        {endpoint.previousSecretExpiresAt ? (
          <p className="hint">{t('endpoint.previousSecret', { until: f.dateTime(endpoint.previousSecretExpiresAt) })}</p>
        ) : null}
        {rotated ? <WebhookSecretBox url={endpoint.url} secret={rotated.secret} note={f.locale === 'en' ? rotated.message : t('secret.rotated')} onDismiss={() => setRotated(null)} /> : null}
        {showLog ? <DeliveryLog orgId={orgId} endpointId={endpoint.id} /> : null}
      </CardBody>
    </Card>
  );
}
