import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RulesView } from '@/components/rules/rules-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('rules');
  return { title: t('page.title') };
}

export default function RulesPage() {
  return <RulesView />;
}
