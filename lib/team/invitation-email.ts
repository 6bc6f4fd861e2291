import type { TEmail } from '@/lib/email';
import { toOrgRole } from '@/lib/orgs/permissions';

// The invitation e-mail: plain text, the one link, and everything the
// recipient needs to judge it (who, which organization, which role, until when).

const ARTICLE: Record<string, string> = { viewer: 'a viewer', analyst: 'an analyst', admin: 'an admin', owner: 'an owner' };

/** The page an invitation's link opens (DESIGN, "Team"). */
export function invitationUrl(baseUrl: string, invitationId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/invitations/${encodeURIComponent(invitationId)}`;
}

export function buildInvitationEmail(options: {
  baseUrl: string;
  invitationId: string;
  to: string;
  role: string;
  organizationName: string;
  inviter: { name: string; email: string };
  expiresAt: Date;
}): TEmail {
  const link = invitationUrl(options.baseUrl, options.invitationId);
  const role = toOrgRole(options.role);
  const who = options.inviter.name && options.inviter.name !== options.inviter.email ? `${options.inviter.name} (${options.inviter.email})` : options.inviter.email;
  const expires = `${options.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return {
    to: options.to,
    subject: `${options.inviter.name || options.inviter.email} invited you to ${options.organizationName} on Orylo`,
    link,
    text: [
      `${who} invited you to join ${options.organizationName} on Orylo as ${ARTICLE[role]}.`,
      '',
      `Open this link to accept (you can sign in, or create an account with ${options.to}):`,
      '',
      link,
      '',
      `The invitation expires on ${expires}. If you did not expect it, ignore this e-mail.`,
      '',
    ].join('\n'),
  };
}
