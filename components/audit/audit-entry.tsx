'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useFormats } from '@/hooks/use-formats';
import { useRuleName } from '@/hooks/use-rule-name';
import type { TAuditEntryView } from '@/lib/audit/find';
import { auditChanges, type TChange, type TShown } from './changes';
import { auditSentence, type TSay } from './sentence';
import styles from './audit.module.css';

/** Data inside a sentence (e-mails, names, values people typed): never translated. */
const data = (chunks: ReactNode) => (
  <span translate="no" className={styles.data}>
    {chunks}
  </span>
);

function Shown({ value }: { value: TShown }) {
  const t = useTranslations('audit.diff');
  if (!value) return <span className="muted">{t('empty')}</span>;
  if (value.as === 'code') return <code>{value.text}</code>;
  return value.as === 'data' ? <span translate="no">{value.text}</span> : <span>{value.text}</span>;
}

const lowerFirst = (s: string) => (s.length > 1 && s[1] === s[1].toLowerCase() ? s[0].toLowerCase() + s.slice(1) : s);

/** One entry: who did what as a sentence, and for rule and threshold changes each field before → after. */
export function AuditEntry({ entry }: { entry: TAuditEntryView }) {
  const t = useTranslations('audit');
  const f = useFormats();
  // The builder picks keys at run time; the catalogs test keeps every one of them in both languages.
  const say: TSay = (key, values) => t(key as never, values as never);
  const ruleName = useRuleName();
  const sentence = auditSentence(entry, say, ruleName);
  const changes = auditChanges(entry, say, f);
  // A rule change of one field says it in the sentence itself: "changed rule “X”: threshold 5 → 3".
  const inline = sentence.key === 'sentence.ruleUpdate' && changes?.length === 1 ? changes[0] : null;
  // Nothing to open when the sentence already says the one change (inline, or a rule switched on or off).
  const showChanges = changes !== null && changes.length > 0 && !inline && sentence.key !== 'sentence.ruleToggle';
  return (
    <div className={styles.entry}>
      <p className={styles.sentence} data-testid="audit-sentence">
        {t.rich(sentence.key as never, { ...sentence.values, d: data } as never)}
        {inline
          ? t.rich('diff.inline', {
              field: lowerFirst(inline.field),
              before: () => <Shown value={inline.before} />,
              after: () => <Shown value={inline.after} />,
            })
          : null}
      </p>
      {showChanges ? <AuditChanges changes={changes} /> : null}
    </div>
  );
}

function AuditChanges({ changes }: { changes: TChange[] }) {
  const t = useTranslations('audit.diff');
  return (
    <details className={styles.changes} data-testid="audit-changes">
      <summary>
        {t('show')} <span className="muted">({t('count', { count: changes.length })})</span>
      </summary>
      <ul className={styles.diff} aria-label={t('label')}>
        {changes.map((c) => (
          <li key={c.field} data-testid="audit-change">
            <span className={styles.path}>{c.field}</span>{' '}
            <span className={styles.before}>
              <Shown value={c.before} />
            </span>
            <span className={styles.arrow}>→</span>
            <span className={styles.after}>
              <Shown value={c.after} />
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
