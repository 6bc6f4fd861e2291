import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { getServerSession } from '@/lib/auth/session';
import { findMembershipRole } from '@/lib/orgs/membership';

// The signed-in shell. The session is checked here on the server so the
// client knows its organization on first render; the API re-checks it anyway.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession();
  if (!session) redirect('/sign-in');
  const orgId = session.session.activeOrganizationId;
  if (!orgId) redirect('/onboarding');
  // The role decides which controls the pages show (hooks/use-permissions.ts).
  // No longer a member of the active org: choose one again.
  const role = await findMembershipRole({ userId: session.user.id, orgId });
  if (!role) redirect('/onboarding');
  return (
    <AppShell orgId={orgId} role={role} email={session.user.email} isAdmin={session.user.role === 'admin'}>
      {children}
    </AppShell>
  );
}
