import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { getServerSession } from '@/lib/auth/session';

// The signed-in shell. The session is checked here on the server so the
// client knows its organization on first render; the API re-checks it anyway.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession();
  if (!session) redirect('/sign-in');
  const orgId = session.session.activeOrganizationId;
  if (!orgId) redirect('/onboarding');
  return (
    <AppShell orgId={orgId} email={session.user.email} isAdmin={session.user.role === 'admin'}>
      {children}
    </AppShell>
  );
}
