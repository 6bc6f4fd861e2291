import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SettingsIndex } from '@/components/settings/settings-index';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('settings');
  return { title: t('metaTitle') };
}

export default function SettingsPage() {
  return <SettingsIndex />;
}
