import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AttackDetailView } from '@/components/attacks/attack-detail-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('attacks');
  return { title: t('detailTitle') };
}

export default async function AttackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AttackDetailView id={id} />;
}
