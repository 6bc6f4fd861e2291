import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { Onboarding } from '@/components/auth/onboarding';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { auth } from '@/lib/auth/server';
import { getServerSession } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Choose an organization' };

export default async function OnboardingPage() {
  const session = await getServerSession();
  if (!session) redirect('/sign-in');
  const orgs = await auth().api.listOrganizations({ headers: await headers() });
  const hasOrgs = orgs.length > 0;
  return (
    <AuthCard
      title={hasOrgs ? 'Choose an organization' : 'Create your organization'}
      subtitle={
        hasOrgs
          ? 'Open one of your organizations, or create another.'
          : 'Detections, API keys and teammates belong to an organization.'
      }
      footer={
        <>
          Signed in as {session.user.email}. <SignOutButton variant="link" />
        </>
      }
    >
      <Onboarding hasOrgs={hasOrgs} />
    </AuthCard>
  );
}
