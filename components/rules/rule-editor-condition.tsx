'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { MAX_CONDITION_DEPTH } from '@/lib/rules/condition';
import { draftComparisons, type TDraftGroup, type TDraftNode, type TFieldProblem } from './rule-draft';
import { addPart, combine, removeNode, updateNode } from './rule-draft-tree';
import { ComparisonEditor } from './rule-editor-comparison';
import styles from './rule-editor.module.css';

type TShared = { problem: TFieldProblem | null; amountCurrency: string; root: TDraftNode; onRootChange: (root: TDraftNode) => void };

/**
 * The whole condition: one comparison (with "and…" / "or…" to combine it with
 * another), or a group. Edits go through the tree functions on the root.
 */
export function ConditionEditor({ root, onRootChange, problem, amountCurrency }: Omit<TShared, 'root' | 'onRootChange'> & { root: TDraftNode; onRootChange: (root: TDraftNode) => void }) {
  const t = useTranslations('rules.editor.condition2');
  const shared: TShared = { problem, amountCurrency, root, onRootChange };
  const rootProblem = problem && problem.field === 'condition' ? problem : null;
  return (
    <div className={styles.condition}>
      {rootProblem ? (
        <p className={styles.error} role="alert" data-testid="field-error" data-field="condition">
          {rootProblem.message}
        </p>
      ) : null}
      {root.type === 'comparison' ? (
        <>
          <ComparisonEditor
            comparison={root}
            path="condition"
            problem={problem}
            amountCurrency={amountCurrency}
            name={t('theComparison')}
            onChange={(next) => onRootChange(next)}
          />
          <div className={styles.actions}>
            <Button size="sm" onClick={() => onRootChange(combine(root, 'all'))} data-testid="combine-all">
              {t('andAnother')}
            </Button>
            <Button size="sm" onClick={() => onRootChange(combine(root, 'any'))} data-testid="combine-any">
              {t('orAnother')}
            </Button>
          </div>
        </>
      ) : (
        <GroupEditor group={root} path="condition" level={1} {...shared} />
      )}
    </div>
  );
}

function GroupEditor({ group, path, level, ...shared }: TShared & { group: TDraftGroup; path: string; level: number }) {
  const { root, onRootChange, problem, amountCurrency } = shared;
  const kindId = useId();
  const t = useTranslations('rules.editor.condition2');
  const mine = problem && problem.field === path && path !== 'condition' ? problem : null;
  const partPath = (i: number) => `${path}.${group.kind}[${i}]`;
  return (
    <fieldset className={styles.group} data-testid="rule-group" data-path={path} data-level={level}>
      <legend className={styles.groupHead}>
        <label htmlFor={kindId} className="sr-only">
          {level === 1 ? t('match') : t('matchLevel', { level })}
        </label>
        <select
          id={kindId}
          className={`select ${styles.kind}`}
          value={group.kind}
          onChange={(e) => onRootChange(updateNode(root, group.uid, (n) => ({ ...n, kind: e.target.value as TDraftGroup['kind'] }) as TDraftGroup))}
        >
          <option value="all">{t('all')}</option>
          <option value="any">{t('any')}</option>
        </select>
        {level > 1 ? (
          <Button size="sm" variant="ghost" onClick={() => onRootChange(removeNode(root, group.uid))} aria-label={t('removeGroupLabel', { level })} data-testid="remove-group">
            {t('removeGroup')}
          </Button>
        ) : null}
      </legend>
      {mine ? (
        <p className={styles.error} role="alert" data-testid="field-error" data-field={mine.field}>
          {mine.message}
        </p>
      ) : null}
      {group.parts.map((part, i) =>
        part.type === 'group' ? (
          <GroupEditor key={part.uid} group={part} path={partPath(i)} level={level + 1} {...shared} />
        ) : (
          <ComparisonEditor
            key={part.uid}
            comparison={part}
            path={partPath(i)}
            problem={problem}
            amountCurrency={amountCurrency}
            name={level > 1 ? t('comparisonNInGroup', { n: i + 1, level }) : t('comparisonN', { n: i + 1 })}
            onChange={(next) => onRootChange(updateNode(root, part.uid, () => next))}
            // The last comparison of the whole condition stays: a rule compares something.
            onRemove={draftComparisons(root).length > 1 ? () => onRootChange(removeNode(root, part.uid)) : undefined}
          />
        ),
      )}
      <div className={styles.actions}>
        <Button size="sm" onClick={() => onRootChange(addPart(root, group.uid, 'comparison'))} data-testid="add-comparison">
          {t('addComparison')}
        </Button>
        {level < MAX_CONDITION_DEPTH ? (
          <Button size="sm" onClick={() => onRootChange(addPart(root, group.uid, 'group'))} data-testid="add-group">
            {t('addGroup')}
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}
