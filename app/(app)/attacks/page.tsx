import type { Metadata } from 'next';
import { AttacksView } from '@/components/attacks/attacks-view';

export const metadata: Metadata = { title: 'Incidents' };

export default function AttacksPage() {
  return <AttacksView />;
}
