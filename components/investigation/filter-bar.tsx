'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { REVIEW_STATUSES } from '@/lib/detections/filters';
import { DECISIONS } from '@/lib/detections/schema';
import styles from './investigation.module.css';
import { applyBar, isoToLocalInput, KEY_FIELDS, shownKey, toMajorUnits, type TBarInput, type TRawFilters } from './url-filters';

// The filter bar above the detections table. Its form is uncontrolled and
// re-mounted whenever the URL changes (the parent keys it on the search), so
// what it shows is always the URL's filters; applying it navigates. The
// selects apply at once; the typed fields on Enter or "Apply". noValidate:
// the API, not the browser, says what is wrong with a value (shown by the parent).

type TProps = {
  filters: TRawFilters;
  /** Reason codes seen in the listed rows, offered as suggestions. */
  ruleSuggestions: readonly string[];
  onApply: (filters: TRawFilters) => void;
};

const text = (data: FormData, name: keyof TBarInput) => String(data.get(name) ?? '');

export function FilterBar({ filters, ruleSuggestions, onApply }: TProps) {
  const shown = shownKey(filters);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = Object.fromEntries(
      (['decision', 'reviewStatus', 'keyField', 'keyValue', 'rule', 'minScore', 'maxScore', 'minAmount', 'maxAmount', 'from', 'to'] as const).map((name) => [name, text(data, name)]),
    ) as TBarInput;
    const result = applyBar(filters, shown.field, input);
    if ('error' in result) return setProblem(result.error);
    setProblem(null);
    onApply(result.filters);
  };
  const applyNow = (event: { currentTarget: HTMLSelectElement }) => event.currentTarget.form?.requestSubmit();

  return (
    <form className={styles.bar} onSubmit={submit} noValidate role="search" aria-label="Filter detections" data-testid="filter-bar">
      {/* Labels by id, not wrapping: a wrapping label would lend the select its options' text as part of its name. */}
      <div className={styles.control}>
        <label htmlFor={`${id}-decision`}>Decision</label>
        <select id={`${id}-decision`} name="decision" className="select" defaultValue={filters.decision?.toUpperCase() ?? ''} onChange={applyNow}>
          <option value="">Any</option>
          {DECISIONS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.control}>
        <label htmlFor={`${id}-review`}>Review status</label>
        <select id={`${id}-review`} name="reviewStatus" className="select" defaultValue={filters.reviewStatus ?? ''} onChange={applyNow}>
          <option value="">Any</option>
          {REVIEW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className={`${styles.control} ${styles.key}`} role="group" aria-labelledby={`${id}-key`}>
        <span id={`${id}-key`}>Search a key</span>
        <div className={styles.joined}>
          <select name="keyField" className="select" aria-label="Key to search" defaultValue={shown.field}>
            {KEY_FIELDS.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
          <input name="keyValue" className="input" aria-label="Key value" placeholder="exact value" defaultValue={shown.value} autoComplete="off" spellCheck={false} />
        </div>
      </div>
      <label className={`${styles.control} ${styles.rule}`}>
        <span>Reason code</span>
        <input name="rule" className="input" list="filter-rule-codes" placeholder="e.g. list_block" defaultValue={filters.rule ?? ''} autoComplete="off" spellCheck={false} />
        <datalist id="filter-rule-codes">
          {ruleSuggestions.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
      </label>
      <div className={styles.pair} role="group" aria-label="Score, 0 to 100">
        <label className={styles.control}>
          <span>Min score</span>
          <input name="minScore" className={`input ${styles.short}`} type="number" min={0} max={100} defaultValue={filters.minScore ?? ''} />
        </label>
        <label className={styles.control}>
          <span>Max score</span>
          <input name="maxScore" className={`input ${styles.short}`} type="number" min={0} max={100} defaultValue={filters.maxScore ?? ''} />
        </label>
      </div>
      <div className={styles.pair} role="group" aria-label="Amount, in major units such as 49.99">
        <label className={styles.control}>
          <span>Min amount</span>
          <input name="minAmount" className={`input ${styles.amount}`} inputMode="decimal" placeholder="0.00" defaultValue={filters.minAmount ? toMajorUnits(filters.minAmount) : ''} />
        </label>
        <label className={styles.control}>
          <span>Max amount</span>
          <input name="maxAmount" className={`input ${styles.amount}`} inputMode="decimal" placeholder="0.00" defaultValue={filters.maxAmount ? toMajorUnits(filters.maxAmount) : ''} />
        </label>
      </div>
      <div className={styles.pair} role="group" aria-label="Time, in your time zone">
        <label className={styles.control}>
          <span>From</span>
          <input name="from" className="input" type="datetime-local" defaultValue={isoToLocalInput(filters.from)} />
        </label>
        <label className={styles.control}>
          <span>Before</span>
          <input name="to" className="input" type="datetime-local" defaultValue={isoToLocalInput(filters.to)} />
        </label>
      </div>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" data-testid="filters-apply">
          Apply
        </Button>
      </div>
      {problem ? (
        <p className={styles.problem} role="alert" data-testid="filter-input-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
