'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { dashboardHref, readUrlFilters, type TRawFilters } from './url-filters';

/**
 * The dashboard's filters from its URL, and a way to change them: each change
 * is a history entry, so back and forward move between filtered lists.
 */
export function useUrlFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const search = params.toString();
  const raw = useMemo(() => readUrlFilters(new URLSearchParams(search)), [search]);
  const navigate = useCallback((filters: TRawFilters) => router.push(dashboardHref(filters), { scroll: false }), [router]);
  return { raw, search, navigate };
}
