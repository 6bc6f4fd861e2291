'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { ApiError, fetchJson } from '@/lib/api-client';
import { ZDetectionFiltersSchema } from '@/lib/detections/filters';
import { detectionKeys, type TDetectionFilters } from './query-keys';
import { DEFAULT_DETECTION_FILTERS, detectionsQueryOptions, type TDetectionsPage } from './query-options';
import { useErrorText } from './use-error-text';

// The dashboard's list for the filters of its URL. Filters that parse (the
// list's own schema, in the browser) key one cached page the stream keeps
// current (./cache/write.ts adds only the rows they match). Filters that do
// not parse are sent to the API as they are, only to show its 400 message:
// the one the API gives a merchant's script, naming the parameter.

/** The raw URL filters → the page's filters, or null when they do not parse. */
export function pageFilters(raw: Record<string, string>): TDetectionFilters | null {
  const parsed = ZDetectionFiltersSchema.safeParse(raw);
  return parsed.success ? { ...DEFAULT_DETECTION_FILTERS, ...parsed.data } : null;
}

export function useDetectionList(orgId: string, raw: Record<string, string>) {
  const filters = pageFilters(raw);
  const list = useQuery({ ...detectionsQueryOptions(orgId, filters ?? DEFAULT_DETECTION_FILTERS), enabled: filters !== null });
  const search = new URLSearchParams({ ...raw, limit: '1' }).toString();
  const check = useQuery({
    queryKey: detectionKeys.check(orgId, search),
    queryFn: ({ signal }) => fetchJson<TDetectionsPage>(`/api/v1/detections?${search}`, { signal }),
    enabled: filters === null,
    retry: false,
    staleTime: Infinity,
  });
  const t = useTranslations('dashboard.list');
  const locale = useLocale();
  const errorText = useErrorText();
  // In English the API's own message, naming the parameter; in another language the code's sentence and the parameter.
  const said = (error: Error) => (locale === 'en' ? error.message : `${errorText(error)}${error instanceof ApiError && error.field ? ` (${error.field})` : ''}`);
  // The browser's schema and the API's agree; should they ever not, say so rather than show nothing.
  const invalid = filters === null ? (check.error ? said(check.error) : check.isSuccess ? t('unreadable') : null) : null;
  return { filters, list, invalid, checking: filters === null && check.isPending };
}
