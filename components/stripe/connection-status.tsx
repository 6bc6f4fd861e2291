import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { useFormats } from '@/hooks/use-formats';
import type { TStripeStatus } from '@/lib/stripe/schema';

/** Connected since when and by whom, or not connected. */
export function ConnectionStatus({ stripe }: { stripe: TStripeStatus }) {
  const t = useTranslations('stripe.connection');
  const f = useFormats();
  if (!stripe.connected) {
    return (
      <p data-testid="stripe-status" data-connected="false">
        <Badge>{t('notConnected')}</Badge> <span className="muted">{t('refused')}</span>
      </p>
    );
  }
  return (
    <p data-testid="stripe-status" data-connected="true">
      <Badge tone="allow">{t('connected')}</Badge>{' '}
      <span className="muted">
        {t('since', { at: stripe.connectedAt ? f.dateTime(stripe.connectedAt) : '—' })}
        {stripe.connectedBy?.email ? t.rich('savedBy', { email: stripe.connectedBy.email, e: (chunks) => <span translate="no">{chunks}</span> }) : null}
      </span>
    </p>
  );
}
