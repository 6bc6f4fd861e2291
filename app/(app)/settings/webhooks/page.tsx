import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { WebhooksView } from '@/components/webhooks/webhooks-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('webhooks');
  return { title: t('metaTitle') };
}

export default function WebhooksPage() {
  return <WebhooksView />;
}
