'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';

// Better Auth answers in English; the form speaks from the error's stable
// code instead, in the reader's language. A code the catalog does not know
// gets the form's generic sentence (its `fallback`), never English in French.

const KNOWN = [
  'INVALID_EMAIL_OR_PASSWORD', 'INVALID_EMAIL', 'INVALID_PASSWORD', 'EMAIL_NOT_VERIFIED', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'USER_ALREADY_EXISTS',
  'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL',
] as const;
type TKnown = (typeof KNOWN)[number];
const isKnown = (code: unknown): code is TKnown => (KNOWN as readonly unknown[]).includes(code);

export type TAuthError = { code?: string; message?: string; status?: number };

export function useAuthErrorText(): (error: TAuthError, fallback: string) => string {
  const t = useTranslations('auth.errors');
  return useCallback(
    (error: TAuthError, fallback: string) => {
      if (isKnown(error.code)) return t(error.code);
      if (error.status === 429) return t('TOO_MANY_REQUESTS');
      return fallback;
    },
    [t],
  );
}
