'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { ApiError } from '@/lib/api-client';

// What a person reads when a call fails, in their language. The API's
// messages stay English for integrators (DESIGN.md, "Languages"); the page
// speaks from the error's stable code instead. In English a refused value
// keeps the API's own detail, without the field key it starts with (the
// field is shown beside it); in French the code's sentence says the same.

const KNOWN = new Set([
  'bad_request', 'validation_error', 'card_number_refused', 'invalid_cursor', 'unauthorized', 'forbidden', 'not_found', 'method_not_allowed', 'conflict',
  'query_too_slow', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'unavailable', 'internal_error',
] as const);
type TKnown = typeof KNOWN extends Set<infer T> ? T : never;

/** "rule.condition.all[0].operator: Must be one of…" → "Must be one of…" */
export const withoutFieldKey = (message: string, field?: string) => (field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);

export function useErrorText(): (error: unknown) => string {
  const t = useTranslations('errors');
  const locale = useLocale();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if ((error.status === 400 || error.status === 409) && locale === 'en') return withoutFieldKey(error.message, error.field);
        if (KNOWN.has(error.code as TKnown)) return t(`codes.${error.code as TKnown}`);
        return t('status', { status: error.status });
      }
      return t('network');
    },
    [t, locale],
  );
}
