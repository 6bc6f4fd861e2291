'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { useErrorText } from '@/hooks/use-error-text';
import { useCan } from '@/hooks/use-permissions';
import { useStripeStatus } from '@/hooks/use-stripe';
import { ConnectionStatus } from './connection-status';
import { EndpointUrl } from './endpoint-url';
import { EventMapping } from './event-mapping';
import { RecentEvents } from './recent-events';
import { SecretForm } from './secret-form';
import { SetupSteps } from './setup-steps';

/** /settings/stripe: Stripe's disputes, fraud warnings, refunds and failures as outcomes of Orylo's detections. */
export function StripeView() {
  const t = useTranslations('stripe');
  const errorText = useErrorText();
  const orgId = useOrgId();
  const canManage = useCan('integrations.manage');
  const status = useStripeStatus(orgId);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t.rich('subtitle', { code: (chunks) => <code>{chunks}</code> })}</p>
        </div>
      </div>

      {status.isPending ? (
        <Card>
          <CardBody>
            <div className="skeleton" />
          </CardBody>
        </Card>
      ) : status.isError ? (
        <Alert>{t('loadFailed', { error: errorText(status.error) })}</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title={t('connection.title')} />
            <CardBody className="form">
              <ConnectionStatus stripe={status.data.stripe} />
              <EndpointUrl url={status.data.stripe.endpointUrl} />
              {canManage ? (
                <SecretForm orgId={orgId} connected={status.data.stripe.connected} />
              ) : (
                <RoleNote permission="integrations.manage" cannot={t('cannot')} />
              )}
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={t('setup.title')} description={t('setup.description')} />
            <CardBody>
              <SetupSteps events={status.data.stripe.events} />
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={t('mapping.title')} />
            <EventMapping events={status.data.stripe.events} />
          </Card>

          <Card>
            <CardHeader title={t('recent.title')} description={t('recent.description')} />
            <RecentEvents events={status.data.stripe.recentEvents} />
          </Card>
        </>
      )}
    </>
  );
}
