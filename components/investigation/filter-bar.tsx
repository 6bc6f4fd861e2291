'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '@/hooks/use-formats';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { REVIEW_STATUSES } from '@/lib/detections/filters';
import { DECISIONS } from '@/lib/detections/schema';
import styles from './investigation.module.css';
import { applyBar, isoToLocalInput, KEY_FIELDS, shownKey, toMajorUnits, type TBarError, type TBarInput, type TRawFilters } from './url-filters';

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
  const t = useTranslations('investigation');
  // Amounts are typed the reader's way ("12,50" in French); toMinorUnits reads either sign.
  const zero = useFormats().decimal(0, 'EUR');
  const major = (minor: string) => toMajorUnits(minor, zero.charAt(1));
  const shown = shownKey(filters);
  const id = useId();
  const [problem, setProblem] = useState<TBarError | null>(null);

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
    <form className={styles.bar} onSubmit={submit} noValidate role="search" aria-label={t('bar.label')} data-testid="filter-bar">
      {/* Labels by id, not wrapping: a wrapping label would lend the select its options' text as part of its name. */}
      <div className={styles.control}>
        <label htmlFor={`${id}-decision`}>{t('bar.decision')}</label>
        <select id={`${id}-decision`} name="decision" className="select" defaultValue={filters.decision?.toUpperCase() ?? ''} onChange={applyNow}>
          <option value="">{t('bar.any')}</option>
          {DECISIONS.map((d) => (
            <option key={d} value={d}>
              {t('bar.decisionOption', { decision: d })}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.control}>
        <label htmlFor={`${id}-review`}>{t('bar.reviewStatus')}</label>
        <select id={`${id}-review`} name="reviewStatus" className="select" defaultValue={filters.reviewStatus ?? ''} onChange={applyNow}>
          <option value="">{t('bar.any')}</option>
          {REVIEW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t('bar.reviewOption', { status: s })}
            </option>
          ))}
        </select>
      </div>
      <div className={`${styles.control} ${styles.key}`} role="group" aria-labelledby={`${id}-key`}>
        <span id={`${id}-key`}>{t('bar.searchKey')}</span>
        <div className={styles.joined}>
          <select name="keyField" className="select" aria-label={t('bar.keyField')} defaultValue={shown.field}>
            {KEY_FIELDS.map((f) => (
              <option key={f.name} value={f.name}>
                {t('keyField', { field: f.name })}
              </option>
            ))}
          </select>
          <input name="keyValue" className="input" aria-label={t('bar.keyValue')} placeholder={t('bar.keyPlaceholder')} defaultValue={shown.value} autoComplete="off" spellCheck={false} />
        </div>
      </div>
      <label className={`${styles.control} ${styles.rule}`}>
        <span>{t('bar.reasonCode')}</span>
        <input name="rule" className="input" list="filter-rule-codes" placeholder={t('bar.reasonPlaceholder')} defaultValue={filters.rule ?? ''} autoComplete="off" spellCheck={false} />
        <datalist id="filter-rule-codes">
          {ruleSuggestions.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
      </label>
      <div className={styles.pair} role="group" aria-label={t('bar.score')}>
        <label className={styles.control}>
          <span>{t('bar.minScore')}</span>
          <input name="minScore" className={`input ${styles.short}`} type="number" min={0} max={100} defaultValue={filters.minScore ?? ''} />
        </label>
        <label className={styles.control}>
          <span>{t('bar.maxScore')}</span>
          <input name="maxScore" className={`input ${styles.short}`} type="number" min={0} max={100} defaultValue={filters.maxScore ?? ''} />
        </label>
      </div>
      <div className={styles.pair} role="group" aria-label={t('bar.amount')}>
        <label className={styles.control}>
          <span>{t('bar.minAmount')}</span>
          <input name="minAmount" className={`input ${styles.amount}`} inputMode="decimal" placeholder={zero} defaultValue={filters.minAmount ? major(filters.minAmount) : ''} />
        </label>
        <label className={styles.control}>
          <span>{t('bar.maxAmount')}</span>
          <input name="maxAmount" className={`input ${styles.amount}`} inputMode="decimal" placeholder={zero} defaultValue={filters.maxAmount ? major(filters.maxAmount) : ''} />
        </label>
      </div>
      <div className={styles.pair} role="group" aria-label={t('bar.time')}>
        <label className={styles.control}>
          <span>{t('bar.from')}</span>
          <input name="from" className="input" type="datetime-local" defaultValue={isoToLocalInput(filters.from)} />
        </label>
        <label className={styles.control}>
          <span>{t('bar.before')}</span>
          <input name="to" className="input" type="datetime-local" defaultValue={isoToLocalInput(filters.to)} />
        </label>
      </div>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" data-testid="filters-apply">
          {t('bar.apply')}
        </Button>
      </div>
      {problem ? (
        <p className={styles.problem} role="alert" data-testid="filter-input-error">
          {problem === 'keyField' ? t('bar.error.keyField', { fields: KEY_FIELDS.map((f) => t('keyField', { field: f.name })).join(', ') }) : t(`bar.error.${problem}`)}
        </p>
      ) : null}
    </form>
  );
}
