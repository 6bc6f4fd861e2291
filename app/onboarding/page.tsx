import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { Onboarding } from '@/components/auth/onboarding';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { auth } from '@/lib/auth/server';
import { getServerSession } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('onboarding');
  return { title: t('metaTitle') };
}

export default async function OnboardingPage() {
  const session = await getServerSession();
  if (!session) redirect('/sign-in');
  const orgs = await auth().api.listOrganizations({ headers: await headers() });
  const hasOrgs = orgs.length > 0;
  const t = await getTranslations('onboarding');
  const step = hasOrgs ? 'choose' : 'create';
  return (
    <AuthCard
      title={t(`${step}.title`)}
      subtitle={t(`${step}.subtitle`)}
      footer={
        <>
          {t.rich('signedInAs', { email: () => <span translate="no">{session.user.email}</span> })} <SignOutButton variant="link" />
        </>
      }
    >
      <Onboarding hasOrgs={hasOrgs} />
    </AuthCard>
  );
}
