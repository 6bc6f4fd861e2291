import { createTranslator } from 'next-intl';
import type { TEmail } from '@/lib/email';
import { DEFAULT_LOCALE, type TLocale } from '@/lib/format';
import { toOrgRole } from '@/lib/orgs/permissions';
import { messagesFor } from '@/messages';

// The invitation e-mail: plain text, the one link, and everything the
// recipient needs to judge it (who, which organization, which role, until
// when), in the inviter's language (they know the person they invite).

/** The page an invitation's link opens (DESIGN, "Team"). */
export function invitationUrl(baseUrl: string, invitationId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/invitations/${encodeURIComponent(invitationId)}`;
}

/** The expiry in UTC (the reader's zone is unknown): "2026-12-08 09:30 UTC" / "8 décembre 2026 à 09:30 UTC". */
function expiryText(at: Date, locale: TLocale): string {
  if (locale === 'en') return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
}

export function buildInvitationEmail(options: {
  baseUrl: string;
  invitationId: string;
  to: string;
  role: string;
  organizationName: string;
  inviter: { name: string; email: string };
  expiresAt: Date;
  /** The inviter's language; English when unknown. */
  locale?: TLocale;
}): TEmail {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'email.invitation' });
  const link = invitationUrl(options.baseUrl, options.invitationId);
  const role = toOrgRole(options.role);
  const org = options.organizationName;
  const who = options.inviter.name && options.inviter.name !== options.inviter.email ? `${options.inviter.name} (${options.inviter.email})` : options.inviter.email;
  return {
    to: options.to,
    subject: t('subject', { inviter: options.inviter.name || options.inviter.email, org }),
    link,
    text: [
      t('invited', { who, org, role }),
      '',
      t('open', { to: options.to }),
      '',
      link,
      '',
      t('expires', { date: expiryText(options.expiresAt, locale) }),
      '',
    ].join('\n'),
  };
}
