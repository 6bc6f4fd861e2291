import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ReviewView } from '@/components/review/review-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('review');
  return { title: t('title') };
}

export default function ReviewPage() {
  return <ReviewView />;
}
