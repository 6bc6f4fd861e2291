import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AlertsView } from '@/components/alerts/alerts-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('alerts');
  return { title: t('metaTitle') };
}

export default function AlertsPage() {
  return <AlertsView />;
}
