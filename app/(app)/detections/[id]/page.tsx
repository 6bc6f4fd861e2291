import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DetectionPageView } from '@/components/detection/detection-page-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('detection');
  return { title: t('meta.title') };
}

export default async function DetectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DetectionPageView id={id} />;
}
