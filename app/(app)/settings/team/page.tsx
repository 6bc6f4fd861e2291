import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TeamView } from '@/components/team/team-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('team');
  return { title: t('metaTitle') };
}

export default function TeamPage() {
  return <TeamView />;
}
