import type { Metadata } from 'next';
import { AdminMetricsView } from '@/components/admin/admin-metrics-view';
import { AdminOnly } from '@/components/admin/admin-only';
import { getServerSession } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Admin' };

// /admin – platform admins watch this instance's live connections. The
// (app) layout has already sent visitors without a session or an org away;
// GET /api/admin/metrics checks the role again on every poll.
export default async function AdminPage() {
  const session = await getServerSession();
  if (session?.user.role !== 'admin') return <AdminOnly />;
  return <AdminMetricsView />;
}
