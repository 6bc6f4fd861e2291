import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, pickLocale } from '@/lib/format';
import { messagesFor } from '@/messages';

// Orylo keeps one URL per page in every language (no /fr/ prefix): the
// language is the user's choice, stored in the NEXT_LOCALE cookie by the
// switcher, else the browser's Accept-Language, else English (DESIGN.md,
// "Languages"). next-intl calls this once per request.
export default getRequestConfig(async () => {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(jar.get(LOCALE_COOKIE)?.value, head.get('accept-language'));
  return { locale, messages: messagesFor(locale) };
});
