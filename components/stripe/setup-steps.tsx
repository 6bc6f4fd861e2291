import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { TStripeStatus } from '@/lib/stripe/schema';

// Stripe's own names (its Dashboard's menus and buttons) stay as Stripe shows them.
const b = (chunks: ReactNode) => <strong translate="no">{chunks}</strong>;
const em = (chunks: ReactNode) => <em translate="no">{chunks}</em>;
const code = (chunks: ReactNode) => <code>{chunks}</code>;

/** Step by step, in the words of Stripe's Dashboard. */
export function SetupSteps({ events }: { events: TStripeStatus['events'] }) {
  const t = useTranslations('stripe.setup');
  const list = () =>
    events.map((e, i) => (
      <span key={e.type}>
        {i > 0 ? ', ' : ''}
        <code>{e.type}</code>
      </span>
    ));
  return (
    <ol className="steps" data-testid="stripe-steps" style={{ display: 'grid', gap: 8, paddingLeft: 20, margin: 0 }}>
      <li>{t.rich('step1', { b, em })}</li>
      <li>{t('step2')}</li>
      <li>{t.rich('step3', { b, count: events.length, events: list })}</li>
      <li>{t.rich('step4', { b, code })}</li>
      <li>{t('step5')}</li>
      <li>{t.rich('step6', { code })}</li>
    </ol>
  );
}
