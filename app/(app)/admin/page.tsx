import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminMetricsView } from '@/components/admin/admin-metrics-view';
import { AdminOnly } from '@/components/admin/admin-only';
import { getServerSession } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('title') };
}

// /admin – platform admins watch this instance's live connections. The
// (app) layout has already sent visitors without a session or an org away;
// GET /api/admin/metrics checks the role again on every poll.
export default async function AdminPage() {
  const session = await getServerSession();
  if (session?.user.role !== 'admin') return <AdminOnly />;
  return <AdminMetricsView />;
}
