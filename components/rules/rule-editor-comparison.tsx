'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { ATTEMPT_FEATURES, FEATURE_KEYS, FEATURES, type TFeature } from '@/lib/rules/features';
import { useRuleLabels } from './labels';
import { featureKind, isVelocity, operatorsFor, withFeature, WINDOW_UNITS, type TDraftComparison, type TFieldProblem, type TWindowUnit } from './rule-draft';
import styles from './rule-editor.module.css';

/** The features grouped as a person looks for them: per key, then the attempt's own fields (`group` names the optgroup in the catalog). */
const FEATURE_GROUPS: { group: (typeof FEATURE_KEYS)[number] | 'attempt'; features: TFeature[] }[] = [
  ...FEATURE_KEYS.map((key) => ({ group: key, features: FEATURES.filter((f) => f.startsWith(`${key}.`)) })),
  { group: 'attempt', features: [...ATTEMPT_FEATURES] },
];

type TProps = {
  comparison: TDraftComparison;
  /** The API's path of this comparison, e.g. "condition.all[1]". */
  path: string;
  problem: TFieldProblem | null;
  amountCurrency: string;
  onChange: (next: TDraftComparison) => void;
  onRemove?: () => void;
  /** "comparison 2 of the any group", for the remove button's name. */
  name: string;
};

export function ComparisonEditor({ comparison: c, path, problem, amountCurrency, onChange, onRemove, name }: TProps) {
  const id = useId();
  const t = useTranslations('rules.editor.comparison');
  const { featureLabel, operatorLabel } = useRuleLabels();
  const kind = featureKind(c.feature);
  const mine = problem && (problem.field === path || problem.field.startsWith(`${path}.`)) ? problem : null;
  const errorId = `${id}-error`;
  // The input the API named; a problem with the comparison as a whole marks its feature.
  const invalid = (field: 'feature' | 'windowSeconds' | 'operator' | 'threshold') =>
    mine && (mine.field === `${path}.${field}` || (field === 'feature' && mine.field === path)) ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const set = (patch: Partial<TDraftComparison>) => onChange({ ...c, ...patch });

  return (
    <div className={styles.comparison} data-testid="rule-comparison" data-path={path}>
      <div className={styles.cells}>
        <div className={`field ${styles.feature}`}>
          <label htmlFor={`${id}-feature`}>{t('feature')}</label>
          <select id={`${id}-feature`} className="select" value={c.feature} onChange={(e) => onChange(withFeature(c, e.target.value as TFeature))} {...invalid('feature')}>
            {FEATURE_GROUPS.map((g) => (
              <optgroup key={g.group} label={t(`groups.${g.group}`)}>
                {g.features.map((f) => (
                  <option key={f} value={f}>
                    {featureLabel(f)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        {isVelocity(c.feature) ? (
          <div className={`field ${styles.window}`}>
            <label htmlFor={`${id}-window`}>{t('window')}</label>
            <div className={styles.windowInputs}>
              <input
                id={`${id}-window`}
                className="input"
                type="number"
                inputMode="decimal"
                min={1}
                step="any"
                value={c.window}
                onChange={(e) => set({ window: e.target.value })}
                {...invalid('windowSeconds')}
              />
              <select className="select" aria-label={t('windowUnit')} value={c.windowUnit} onChange={(e) => set({ windowUnit: e.target.value as TWindowUnit })}>
                {(Object.keys(WINDOW_UNITS) as TWindowUnit[]).map((u) => (
                  <option key={u} value={u}>
                    {t(`units.${u}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
        <div className={`field ${styles.operator}`}>
          <label htmlFor={`${id}-operator`}>{t('operator')}</label>
          <select id={`${id}-operator`} className="select" value={c.operator} onChange={(e) => set({ operator: e.target.value as TDraftComparison['operator'] })} {...invalid('operator')}>
            {operatorsFor(c.feature).map((op) => (
              <option key={op} value={op}>
                {operatorLabel({ operator: op })}
              </option>
            ))}
          </select>
        </div>
        <div className={`field ${styles.value}`}>
          <label htmlFor={`${id}-value`}>
            {kind === 'amount' ? t('amountLabel', { currency: amountCurrency }) : t(`value.${kind}`)}
          </label>
          {kind === 'set' ? (
            <input
              id={`${id}-value`}
              className="input"
              placeholder={c.feature === 'currency' ? 'EUR, USD' : 'FR, DE'}
              value={c.codes}
              onChange={(e) => set({ codes: e.target.value })}
              {...invalid('threshold')}
            />
          ) : kind === 'mismatch' ? (
            <select id={`${id}-value`} className="select" value={c.flag ? 'yes' : 'no'} onChange={(e) => set({ flag: e.target.value === 'yes' })} {...invalid('threshold')}>
              <option value="yes">{t('differ')}</option>
              <option value="no">{t('same')}</option>
            </select>
          ) : (
            <input
              id={`${id}-value`}
              className="input"
              type="number"
              inputMode="decimal"
              min={0}
              max={kind === 'ratio' ? 100 : undefined}
              step="any"
              value={c.value}
              onChange={(e) => set({ value: e.target.value })}
              {...invalid('threshold')}
            />
          )}
        </div>
        {onRemove ? (
          <Button size="sm" variant="ghost" className={styles.remove} onClick={onRemove} aria-label={t('remove', { name })} data-testid="remove-comparison">
            ✕
          </Button>
        ) : null}
      </div>
      {mine ? (
        <p id={errorId} className={styles.error} role="alert" data-testid="field-error" data-field={mine.field}>
          {mine.message}
        </p>
      ) : null}
    </div>
  );
}
