'use client';

import { useSyncExternalStore } from 'react';
import { Alert } from '@/components/ui/alert';
import type { TDetectionFilters } from '@/hooks/query-keys';
import { FilterBar } from './filter-bar';
import { FilterChips } from './filter-chips';
import styles from './investigation.module.css';
import { SavedViews } from './saved-views';
import type { TRawFilters } from './url-filters';

type TProps = {
  orgId: string;
  raw: TRawFilters;
  search: string;
  /** The URL's filters parsed, or null when the list refuses them. */
  filters: TDetectionFilters | null;
  /** The API's 400 message for the URL's filters, if any. */
  invalid: string | null;
  ruleSuggestions: readonly string[];
  onApply: (filters: TRawFilters) => void;
};

const noSubscription = () => () => {};

/**
 * The bar, the saved views, the active filters as chips, and what the API
 * said is wrong with them. Rendered in the browser only: the date-times and
 * chips are in the browser's time zone, which the server does not know.
 */
export function InvestigationBar({ orgId, raw, search, filters, invalid, ruleSuggestions, onApply }: TProps) {
  const isClient = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!isClient) return <div className={styles.toolbar} style={{ minHeight: 64 }} aria-busy="true" />;
  return (
    <>
      <div className={styles.toolbar}>
        {/* Keyed on the URL: back, forward, a chip removed or a view applied show in the form at once. */}
        <FilterBar key={search} filters={raw} ruleSuggestions={ruleSuggestions} onApply={onApply} />
        <SavedViews orgId={orgId} raw={raw} filters={filters} />
      </div>
      <FilterChips filters={raw} onApply={onApply} />
      {invalid ? (
        <div className={styles.message}>
          <Alert testId="filters-error">{invalid}</Alert>
        </div>
      ) : null}
    </>
  );
}
