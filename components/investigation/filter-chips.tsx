'use client';

import { Button } from '@/components/ui/button';
import styles from './investigation.module.css';
import { chipText, type TRawFilters } from './url-filters';

/** The URL's filters as removable chips (unknown parameters too: a typo in a shared link can be removed), and "Clear filters". */
export function FilterChips({ filters, onApply }: { filters: TRawFilters; onApply: (filters: TRawFilters) => void }) {
  const entries = Object.entries(filters);
  if (entries.length === 0) return null;
  const without = (name: string) => Object.fromEntries(entries.filter(([n]) => n !== name));
  return (
    <ul className={styles.chips} aria-label="Active filters" data-testid="filter-chips">
      {entries.map(([name, value]) => {
        const label = chipText(name, value);
        return (
          <li key={name} className={styles.chip} data-testid="filter-chip" data-name={name}>
            <span>{label}</span>
            <button type="button" className={styles.chipRemove} aria-label={`Remove filter ${label}`} onClick={() => onApply(without(name))}>
              ×
            </button>
          </li>
        );
      })}
      <li>
        <Button size="sm" variant="ghost" onClick={() => onApply({})} data-testid="filters-clear">
          Clear filters
        </Button>
      </li>
    </ul>
  );
}
