import type { Metadata } from 'next';
import { AttackDetailView } from '@/components/attacks/attack-detail-view';

export const metadata: Metadata = { title: 'Incident' };

export default async function AttackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AttackDetailView id={id} />;
}
