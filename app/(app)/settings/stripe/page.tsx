import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { StripeView } from '@/components/stripe/stripe-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('stripe');
  return { title: t('metaTitle') };
}

export default function StripeSettingsPage() {
  return <StripeView />;
}
