'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { RoleNote } from '@/components/shell/role-note';
import { useErrorText } from '@/hooks/use-error-text';
import { useCan } from '@/hooks/use-permissions';
import { useRuleName } from '@/hooks/use-rule-name';
import { ApiError } from '@/lib/api-client';
import type { TRule } from '@/lib/rules/schema';
import { lastDays, type TBacktestDays, type TBacktestRequest, type TBacktestResult } from './backtest';
import { changedFields, draftBody, draftComparisons, draftFromRule, editorField, featureKind, type TDraft, type TFieldProblem, type TRuleBody } from './rule-draft';
import { ConditionEditor } from './rule-editor-condition';
import { RuleFields } from './rule-editor-fields';
import { BeforeAfter } from './rule-editor-results';
import { RuleTestPanel } from './rule-editor-test';
import { useBacktest, useSaveRule, type TComparisonResult, type TSaveStage } from './use-rule-editor';
import styles from './rule-editor.module.css';

// The rule editor: a new rule, or a change to one, tested on past payments
// before it is saved. Owners and admins save; analysts (rules.backtest) may
// change the fields to test a variant, and have no Save.

const AMOUNT_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK'];

/** Fields the editor shows a problem beside; any other goes above the buttons. */
const placed = (field: string) => /^(name|key|action|scoreDelta|mode|condition)\b/.test(field);

type TTested = { result: TBacktestResult; signature: string };

export function RuleEditor({ orgId, rule, onClose }: { orgId: string; rule: TRule | null; onClose: () => void }) {
  const t = useTranslations('rules.editor');
  const errorText = useErrorText();
  const canEdit = useCan('rules.edit');
  const canTest = useCan('rules.backtest');
  // The stored version the draft is compared with; the new one after a save.
  const [base, setBase] = useState<TRule | null>(rule);
  // A built-in rule's name shows in the reader's language; left as shown, the stored (seeded) name is
  // what is sent, so the rule stays built-in and keeps reading in every language.
  const ruleName = useRuleName();
  const shownName = (r: TRule | null, d: TDraft): TDraft => (r ? { ...d, name: ruleName(r) } : d);
  const [draft, setDraft] = useState<TDraft>(() => shownName(rule, draftFromRule(rule)));
  const [problem, setProblem] = useState<TFieldProblem | null>(null);
  const [general, setGeneral] = useState<Error | null>(null);
  const [tested, setTested] = useState<TTested | null>(null);
  const [compared, setCompared] = useState<{ comparison: TComparisonResult; versions: { before: number; after: number } } | null>(null);
  const [stage, setStage] = useState<TSaveStage>('saving');
  const backtest = useBacktest();
  const save = useSaveRule(orgId, setStage);

  const storedName = (name: string) => (base && name === ruleName(base) ? base.name : name);
  const drafted = draftBody(draft);
  const parsed = 'body' in drafted ? { body: { ...drafted.body, name: storedName(drafted.body.name) } } : drafted;
  const body = 'body' in parsed ? parsed.body : null;
  const testRule = (b: TRuleBody): TBacktestRequest['rule'] => {
    // Key and name are optional to the backtest; an empty name would only be refused.
    const { name, ...rest } = b;
    return { ...(base ? { id: base.id } : {}), ...(name.trim() ? { name } : {}), ...rest };
  };
  const signature = body ? JSON.stringify(testRule(body)) : null;
  const patch = base && body ? changedFields(base, body) : null;
  const dirty = !base || !body || Object.keys(patch ?? {}).length > 0;
  const hasAmount = draftComparisons(draft.condition).some((c) => featureKind(c.feature) === 'amount');

  const edit = (next: TDraft) => {
    setDraft(next);
    setCompared(null);
  };

  /** An API error about a part of the rule, in the editor's spelling, or null (its text without the field key, in the reader's language). */
  const fieldProblem = (error: Error): TFieldProblem | null => {
    const field = error instanceof ApiError ? editorField(error.field) : null;
    return field && placed(field) ? { field, message: errorText(error) } : null;
  };
  /** A save's error beside the part at fault, or above the buttons. */
  const showError = (error: Error) => {
    const p = fieldProblem(error);
    if (p) setProblem(p);
    else setGeneral(error);
  };

  /** The draft as the API's rule, or null after showing the input that is not a number. */
  const checked = (): TRuleBody | null => {
    setProblem(null);
    setGeneral(null);
    if ('problem' in parsed) {
      setProblem(parsed.problem.code === 'not_a_number' ? { ...parsed.problem, message: t('enterNumber') } : parsed.problem);
      return null;
    }
    return parsed.body;
  };

  const test = (days: TBacktestDays) => {
    const b = checked();
    if (!b) return;
    const rule = testRule(b);
    const sig = JSON.stringify(rule);
    // A problem with the rule goes beside its part; anything else (422 too slow, 403) into the test panel.
    backtest.mutate({ rule, ...lastDays(days) }, { onSuccess: (result) => setTested({ result, signature: sig }), onError: (error) => setProblem(fieldProblem(error)) });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!canEdit || save.isPending) return;
    const b = checked();
    if (!b) return;
    if (!base) {
      save.mutate({ kind: 'create', body: { ...b, key: draft.key } }, { onSuccess: onClose, onError: showError });
      return;
    }
    const changes = changedFields(base, b);
    if (Object.keys(changes).length === 0) return;
    // Before / After over the window last tested, or the last 7 days.
    const window = tested ? { from: tested.result.from, to: tested.result.to } : lastDays(7);
    const reuse = tested && tested.signature === signature ? tested.result : undefined;
    save.mutate(
      { kind: 'update', rule: base, patch: changes, body: b, window, tested: reuse },
      {
        onSuccess: ({ rule: saved, comparison }) => {
          if (comparison) setCompared({ comparison, versions: { before: base.version, after: saved.version } });
          setBase(saved);
          setDraft(shownName(saved, draftFromRule(saved, draft.amountCurrency)));
        },
        onError: showError,
      },
    );
  };

  const title = !base ? t('new') : canEdit ? t('edit') : t('test');
  return (
    <Dialog titleId="rule-editor-title" onClose={onClose} testId="rule-editor" width={900}>
      <div className="drawer-head">
        <div>
          <h2 id="rule-editor-title">{title}</h2>
          {base ? (
            <p className="hint mono" data-testid="rule-editor-version">
              <span translate="no">{base.key}</span> · v{base.version}
            </p>
          ) : null}
        </div>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label={t('close')}>
          ✕
        </Button>
      </div>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {/* First: the answer to the Save just pressed, above the fields it came from and clear of the toasts (bottom right). */}
        {compared ? <BeforeAfter comparison={compared.comparison} versions={compared.versions} /> : null}
        <RuleFields draft={draft} isNew={!base} problem={problem} onChange={edit} />
        <section className={styles.section} aria-labelledby="rule-condition-title">
          <div className={styles.sectionHead}>
            <h3 id="rule-condition-title">{t('condition')}</h3>
            {hasAmount ? (
              <label className="hint">
                {t('amountsIn')}{' '}
                <select className={`select ${styles.currency}`} value={draft.amountCurrency} onChange={(e) => edit({ ...draft, amountCurrency: e.target.value })}>
                  {AMOUNT_CURRENCIES.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          {hasAmount ? <p className="hint">{t('amountHint')}</p> : null}
          <ConditionEditor root={draft.condition} onRootChange={(condition) => edit({ ...draft, condition })} problem={problem} amountCurrency={draft.amountCurrency} />
        </section>
        {canTest ? (
          <RuleTestPanel
            // One backtest per organization at a time: none while a save runs its own.
            busy={backtest.isPending || save.isPending}
            pending={backtest.isPending}
            error={backtest.error && !fieldProblem(backtest.error) ? backtest.error : null}
            result={tested?.result ?? null}
            stale={tested !== null && tested.signature !== signature}
            onTest={test}
          />
        ) : null}
        {general ? <Alert testId="rule-editor-error">{errorText(general)}</Alert> : null}
        <div className={styles.footer}>
          {canEdit ? (
            <Button type="submit" variant="primary" disabled={save.isPending || backtest.isPending || !dirty} data-testid="save-rule">
              {save.isPending ? (stage === 'testing' ? t('testingBeforeAfter') : t('saving')) : base ? t('save') : t('add')}
            </Button>
          ) : (
            <RoleNote permission="rules.edit" cannot={t('cannot')} />
          )}
          <Button onClick={onClose}>{compared || !dirty ? t('close2') : t('cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}
