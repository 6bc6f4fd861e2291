'use client';

import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { RULE_ACTIONS, RULE_MODES } from '@/lib/rules/schema';
import { suggestKey, type TDraft, type TFieldProblem } from './rule-draft';
import styles from './rule-editor.module.css';

// The rule's own fields above its condition: name, key (new rules only),
// action with its points, and mode. Each shows the API's problem with it.

function Labelled(props: { label: string; field: string; problem: TFieldProblem | null; className?: string; hint?: string; children: (a11y: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const problem = props.problem?.field === props.field ? props.problem : null;
  const describedBy = [problem ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, ...(problem ? { 'aria-invalid': true } : {}), 'aria-describedby': describedBy })}
      {props.hint ? (
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
      ) : null}
      {problem ? (
        <span id={`${id}-error`} className={styles.error} role="alert" data-testid="field-error" data-field={problem.field}>
          {problem.message}
        </span>
      ) : null}
    </div>
  );
}

export function RuleFields({ draft, isNew, problem, onChange }: { draft: TDraft; isNew: boolean; problem: TFieldProblem | null; onChange: (draft: TDraft) => void }) {
  const t = useTranslations('rules.editor');
  const set = (patch: Partial<TDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className={styles.fields}>
      <Labelled label={t('fields.name')} field="name" problem={problem} className={styles.name}>
        {(a11y) => (
          <input
            {...a11y}
            className="input"
            value={draft.name}
            maxLength={120}
            data-autofocus
            onChange={(e) => set({ name: e.target.value, ...(draft.keyTouched ? {} : { key: suggestKey(e.target.value) }) })}
          />
        )}
      </Labelled>
      {isNew ? (
        <Labelled label={t('fields.key')} field="key" problem={problem} className={styles.key} hint={t('fields.keyHint')}>
          {(a11y) => <input {...a11y} className="input mono" value={draft.key} maxLength={64} onChange={(e) => set({ key: e.target.value, keyTouched: true })} />}
        </Labelled>
      ) : null}
      <Labelled label={t('fields.action')} field="action" problem={problem} className={styles.action}>
        {(a11y) => (
          <select {...a11y} className="select" value={draft.action} onChange={(e) => set({ action: e.target.value as TDraft['action'] })}>
            {RULE_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`action.${a}`)}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      {draft.action === 'SCORE' ? (
        <Labelled label={t('fields.points')} field="scoreDelta" problem={problem} className={styles.points}>
          {(a11y) => <input {...a11y} className="input" type="number" min={-100} max={100} step={1} value={draft.scoreDelta} onChange={(e) => set({ scoreDelta: e.target.value })} />}
        </Labelled>
      ) : null}
      <Labelled label={t('fields.mode')} field="mode" problem={problem} className={styles.mode}>
        {(a11y) => (
          <select {...a11y} className="select" value={draft.mode} onChange={(e) => set({ mode: e.target.value as TDraft['mode'] })}>
            {RULE_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`mode.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Labelled>
    </div>
  );
}
