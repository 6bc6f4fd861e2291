import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { ExpiresNote } from '@/components/invitations/expires-note';
import { InvitationAuth } from '@/components/invitations/invitation-auth';
import { InvitationResponse, SwitchAccountButton } from '@/components/invitations/invitation-response';
import { Alert } from '@/components/ui/alert';
import { getServerSession } from '@/lib/auth/session';
import { appDb } from '@/lib/db';
import { findInvitationDetails, hasAccount } from '@/lib/team';

// The page an invitation e-mail links to (DESIGN, "Team"). The id is the
// secret: whoever holds it sees the organization, the inviter, the role and
// the invited address; only a session with that address can accept.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invitations');
  return { title: t('metaTitle'), robots: { index: false, follow: false } };
}

/** An address or a name someone typed: not to be translated. */
const Verbatim = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

function Page({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <AuthCard title={title} subtitle={subtitle} footer={footer}>
      <div data-testid="invitation-page" className="form">
        {children}
      </div>
    </AuthCard>
  );
}

export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations('invitations');
  const session = await getServerSession();
  const db = appDb().db;
  const invitation = id.length <= 200 ? await findInvitationDetails({ db, id }) : null;
  const goTo = <Link href={session ? '/dashboard' : '/sign-in'}>{t('goTo')}</Link>;

  if (!invitation) {
    return (
      <Page title={t('notFound.title')}>
        <Alert testId="invitation-closed">{t('notFound.text')}</Alert>
        {goTo}
      </Page>
    );
  }

  const { organization: org, inviter, role } = invitation;
  const title = t('join', { org: org.name });
  const subtitle = t.rich('invitedYou', {
    who: inviter ? `${inviter.name} (${inviter.email})` : t('aMember'),
    org: org.name,
    role,
    by: (chunks) => (inviter ? Verbatim(chunks) : chunks),
    orgName: (chunks) => (
      <strong data-testid="invitation-org" translate="no">
        {chunks}
      </strong>
    ),
    roleName: (chunks) => <strong data-testid="invitation-role">{chunks}</strong>,
  });

  if (invitation.status !== 'pending') {
    return (
      <Page title={title} subtitle={subtitle}>
        <Alert testId="invitation-closed">{t(`closed.${invitation.status}`)}</Alert>
        {goTo}
      </Page>
    );
  }

  const expires = <ExpiresNote role={role} expiresAt={invitation.expiresAt} />;

  if (!session) {
    return (
      <Page title={title} subtitle={subtitle}>
        {expires}
        <InvitationAuth invitationId={invitation.id} email={invitation.email} hasAccount={await hasAccount({ db, email: invitation.email })} />
      </Page>
    );
  }

  if (session.user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <Page title={title} subtitle={subtitle}>
        <Alert testId="invitation-wrong-account">
          {t.rich('wrongAccount', {
            invited: invitation.email,
            current: session.user.email,
            b: (chunks) => <strong translate="no">{chunks}</strong>,
            e: Verbatim,
          })}
        </Alert>
        <SwitchAccountButton />
      </Page>
    );
  }

  return (
    <Page title={title} subtitle={subtitle} footer={t.rich('signedInAs', { email: session.user.email, e: Verbatim })}>
      {expires}
      <InvitationResponse invitationId={invitation.id} organizationName={org.name} />
    </Page>
  );
}
