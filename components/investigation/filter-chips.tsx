'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { useFormats } from '@/hooks/use-formats';
import { REVIEW_STATUSES } from '@/lib/detections/filters';
import { DECISIONS } from '@/lib/detections/schema';
import styles from './investigation.module.css';
import { chipText, type TChipWords, type TRawFilters } from './url-filters';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** The chips' words in the reader's language; a decision or status the list does not know is shown as written. */
function useChipWords(): TChipWords {
  const t = useTranslations('investigation');
  const f = useFormats();
  return useMemo(
    () => ({
      label: (name) => t('filter', { name }),
      named: (label, value) => t('chips.named', { label, value }),
      compare: (label, value) => t('chips.compare', { label, value }),
      option: (name, value) => {
        if (name === 'decision') return isOneOf(DECISIONS, value.toUpperCase()) ? t('bar.decisionOption', { decision: value.toUpperCase() }) : null;
        return isOneOf(REVIEW_STATUSES, value) ? t('bar.reviewOption', { status: value }) : null;
      },
      dateTime: (at) => f.dateTime(at),
    }),
    [t, f],
  );
}

/** The URL's filters as removable chips (unknown parameters too: a typo in a shared link can be removed), and "Clear filters". */
export function FilterChips({ filters, onApply }: { filters: TRawFilters; onApply: (filters: TRawFilters) => void }) {
  const t = useTranslations('investigation.chips');
  const words = useChipWords();
  const entries = Object.entries(filters);
  if (entries.length === 0) return null;
  const without = (name: string) => Object.fromEntries(entries.filter(([n]) => n !== name));
  return (
    <ul className={styles.chips} aria-label={t('label')} data-testid="filter-chips">
      {entries.map(([name, value]) => {
        const label = chipText(name, value, words);
        return (
          <li key={name} className={styles.chip} data-testid="filter-chip" data-name={name}>
            <span>{label}</span>
            <button type="button" className={styles.chipRemove} aria-label={t('remove', { label })} onClick={() => onApply(without(name))}>
              ×
            </button>
          </li>
        );
      })}
      <li>
        <Button size="sm" variant="ghost" onClick={() => onApply({})} data-testid="filters-clear">
          {t('clear')}
        </Button>
      </li>
    </ul>
  );
}
