import { formatDateTime } from '@/components/dashboard/format';
import { Badge } from '@/components/ui/badge';
import type { TStripeStatus } from '@/lib/stripe/schema';

/** Connected since when and by whom, or not connected. */
export function ConnectionStatus({ stripe }: { stripe: TStripeStatus }) {
  if (!stripe.connected) {
    return (
      <p data-testid="stripe-status" data-connected="false">
        <Badge>Not connected</Badge> <span className="muted">Stripe’s deliveries are refused until a signing secret is saved below.</span>
      </p>
    );
  }
  return (
    <p data-testid="stripe-status" data-connected="true">
      <Badge tone="allow">Connected</Badge>{' '}
      <span className="muted">
        since {stripe.connectedAt ? formatDateTime(stripe.connectedAt) : '—'}
        {stripe.connectedBy?.email ? `, secret saved by ${stripe.connectedBy.email}` : ''}
      </span>
    </p>
  );
}
