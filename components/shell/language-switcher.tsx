'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, LOCALES, type TLocale } from '@/lib/format';

const YEAR_SECONDS = 365 * 86_400;

/**
 * The language, chosen once and remembered in the NEXT_LOCALE cookie (a year,
 * the whole site): it wins over the browser's Accept-Language. The server
 * renders the page again in the new language; nothing else is reloaded.
 */
export function LanguageSwitcher() {
  const t = useTranslations('common.language');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const choose = (next: TLocale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
    startTransition(() => router.refresh());
  };

  return (
    <label className="language-switcher">
      <span className="sr-only">{t('label')}</span>
      <select className="select" value={locale} onChange={(e) => choose(e.target.value as TLocale)} disabled={pending} data-testid="language" aria-label={t('label')}>
        {LOCALES.map((l) => (
          // The code fits the header; the language's own name shows on hover.
          <option key={l} value={l} lang={l} title={t(l)}>
            {l.toUpperCase()}
          </option>
        ))}
      </select>
    </label>
  );
}
