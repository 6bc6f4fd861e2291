import type { Metadata } from 'next';
import { StripeView } from '@/components/stripe/stripe-view';

export const metadata: Metadata = { title: 'Stripe' };

export default function StripeSettingsPage() {
  return <StripeView />;
}
