import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { InvitationAuth } from '@/components/invitations/invitation-auth';
import { InvitationResponse, SwitchAccountButton } from '@/components/invitations/invitation-response';
import { Alert } from '@/components/ui/alert';
import { getServerSession } from '@/lib/auth/session';
import { appDb } from '@/lib/db';
import { findInvitationDetails, hasAccount, roleSummary, type TInvitationDetails } from '@/lib/team';

// The page an invitation e-mail links to (DESIGN, "Team"). The id is the
// secret: whoever holds it sees the organization, the inviter, the role and
// the invited address; only a session with that address can accept.
export const metadata: Metadata = { title: 'Invitation', robots: { index: false, follow: false } };

const ARTICLE: Record<string, string> = { viewer: 'a viewer', analyst: 'an analyst', admin: 'an admin', owner: 'an owner' };

const CLOSED: Record<Exclude<TInvitationDetails['status'], 'pending'>, string> = {
  expired: 'This invitation has expired. Ask whoever invited you to send a new one.',
  canceled: 'This invitation was revoked. Ask an admin of the organization to invite you again if you still need access.',
  accepted: 'This invitation has already been used.',
  rejected: 'This invitation was declined. Ask an admin of the organization for a new one if you changed your mind.',
};

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
  const session = await getServerSession();
  const db = appDb().db;
  const invitation = id.length <= 200 ? await findInvitationDetails({ db, id }) : null;

  if (!invitation) {
    return (
      <Page title="Invitation not found">
        <Alert testId="invitation-closed">This invitation link is not valid. Check that you copied the whole link from the e-mail.</Alert>
        <Link href={session ? '/dashboard' : '/sign-in'}>Go to Orylo</Link>
      </Page>
    );
  }

  const { organization: org, inviter, role } = invitation;
  const subtitle = (
    <>
      {inviter ? `${inviter.name} (${inviter.email})` : 'A member'} invited you to join <strong data-testid="invitation-org">{org.name}</strong> as{' '}
      <strong data-testid="invitation-role">{ARTICLE[role]}</strong>.
    </>
  );

  if (invitation.status !== 'pending') {
    return (
      <Page title={`Join ${org.name}`} subtitle={subtitle}>
        <Alert testId="invitation-closed">{CLOSED[invitation.status]}</Alert>
        <Link href={session ? '/dashboard' : '/sign-in'}>Go to Orylo</Link>
      </Page>
    );
  }

  const expires = <span className="hint">{roleSummary(role)} The invitation expires on {new Date(invitation.expiresAt).toUTCString()}.</span>;

  if (!session) {
    return (
      <Page title={`Join ${org.name}`} subtitle={subtitle}>
        {expires}
        <InvitationAuth invitationId={invitation.id} email={invitation.email} hasAccount={await hasAccount({ db, email: invitation.email })} />
      </Page>
    );
  }

  if (session.user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <Page title={`Join ${org.name}`} subtitle={subtitle}>
        <Alert testId="invitation-wrong-account">
          This invitation was sent to <strong>{invitation.email}</strong>, and you are signed in as <strong>{session.user.email}</strong>. Sign out, then sign in
          or create an account with {invitation.email} to accept it.
        </Alert>
        <SwitchAccountButton />
      </Page>
    );
  }

  return (
    <Page title={`Join ${org.name}`} subtitle={subtitle} footer={<>Signed in as {session.user.email}.</>}>
      {expires}
      <InvitationResponse invitationId={invitation.id} organizationName={org.name} />
    </Page>
  );
}
