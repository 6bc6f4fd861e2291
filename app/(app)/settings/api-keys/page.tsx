import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiKeysView } from '@/components/api-keys/api-keys-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('apiKeys');
  return { title: t('metaTitle') };
}

export default function ApiKeysPage() {
  return <ApiKeysView />;
}
