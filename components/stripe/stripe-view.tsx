'use client';

import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
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
  const orgId = useOrgId();
  const canManage = useCan('integrations.manage');
  const status = useStripeStatus(orgId);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Stripe</h1>
          <p className="muted">
            Stripe tells Orylo what became of each payment: disputes and early fraud warnings label it fraud, refunds and failed payments join its
            timeline. Orylo matches each event to the detection whose <code>externalId</code> is the PaymentIntent id (<code>pi_…</code>).
          </p>
        </div>
      </div>

      {status.isPending ? (
        <Card>
          <CardBody>
            <div className="skeleton" />
          </CardBody>
        </Card>
      ) : status.isError ? (
        <Alert>Could not load the Stripe connection: {status.error.message}</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title="Connection" />
            <CardBody className="form">
              <ConnectionStatus stripe={status.data.stripe} />
              <EndpointUrl url={status.data.stripe.endpointUrl} />
              {canManage ? (
                <SecretForm orgId={orgId} connected={status.data.stripe.connected} />
              ) : (
                <RoleNote permission="integrations.manage" cannot="connect or disconnect Stripe" />
              )}
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="How to point Stripe at Orylo" description="Once, in your Stripe Dashboard. Use a test-mode endpoint first if you like: it has its own signing secret." />
            <CardBody>
              <SetupSteps events={status.data.stripe.events} />
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="What each event becomes" />
            <EventMapping events={status.data.stripe.events} />
          </Card>

          <Card>
            <CardHeader title="Last events received" description="The 20 latest deliveries Stripe signed with the saved secret. Refused deliveries are not listed: Stripe’s Dashboard shows those with their answer." />
            <RecentEvents events={status.data.stripe.recentEvents} />
          </Card>
        </>
      )}
    </>
  );
}
