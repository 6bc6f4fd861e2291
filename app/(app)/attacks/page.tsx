import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AttacksView } from '@/components/attacks/attacks-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('attacks');
  return { title: t('title') };
}

export default function AttacksPage() {
  return <AttacksView />;
}
