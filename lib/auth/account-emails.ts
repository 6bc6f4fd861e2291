import { createTranslator } from 'next-intl';
import type { TEmail } from '@/lib/email';
import { localeOfRequest } from '@/lib/format';
import { messagesFor } from '@/messages';

/** The address-confirmation e-mail, in the language of the page the person signed up on. */
export function verificationEmail(to: string, url: string, request?: Request): TEmail {
  const locale = localeOfRequest(request?.headers);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'password.verify' });
  return { to, subject: t('subject'), text: t('text', { url }), link: url };
}

/**
 * The password-reset e-mail, in the language of the page that asked for it
 * (its NEXT_LOCALE cookie, then Accept-Language): the person reads it where
 * they just were. The link is Better Auth's, valid one hour.
 */
export function passwordResetEmail(to: string, url: string, request?: Request): TEmail {
  const locale = localeOfRequest(request?.headers);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'password.email' });
  return { to, subject: t('subject'), text: t('text', { url }), link: url };
}
