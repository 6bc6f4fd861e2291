import { DEFAULT_LOCALE, LOCALE_COOKIE, pickLocale, type TLocale } from '@/lib/format';

/**
 * The language of the person making the current request, as pages pick it
 * (i18n/request.ts): for what the server writes on their behalf, such as the
 * invitation e-mail. English outside a request (a script, a test).
 */
export async function requestLocale(): Promise<TLocale> {
  try {
    // Imported when called: lib/auth is also loaded by the server outside
    // Next's runtime, where next/headers cannot even be loaded.
    const { cookies, headers } = await import('next/headers');
    const [jar, head] = await Promise.all([cookies(), headers()]);
    return pickLocale(jar.get(LOCALE_COOKIE)?.value, head.get('accept-language'));
  } catch {
    return DEFAULT_LOCALE;
  }
}
