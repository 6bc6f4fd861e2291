import type { Metadata } from 'next';
import { DetectionPageView } from '@/components/detection/detection-page-view';

export const metadata: Metadata = { title: 'Detection' };

export default async function DetectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DetectionPageView id={id} />;
}
