'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import styles from './rules.module.css';

/**
 * A number shown as text that turns into a small form on click: Enter or
 * Save sends it, Escape or Cancel puts it back. The server validates.
 */
export function EditableNumber(props: {
  value: number;
  display: string;
  label: string;
  onSave: (value: number) => void;
  step?: string;
  min?: number;
  disabled?: boolean;
  testId?: string;
}) {
  const t = useTranslations('rules.editable');
  const [draft, setDraft] = useState<string | null>(null);

  if (draft === null) {
    return (
      <button
        type="button"
        className={styles.editable}
        title={t('title', { label: props.label })}
        aria-label={t('label', { label: props.label, display: props.display })}
        disabled={props.disabled}
        data-testid={props.testId}
        onClick={() => setDraft(String(props.value))}
      >
        {props.display}
      </button>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(value) && value !== props.value) props.onSave(value);
    setDraft(null);
  };

  return (
    <form className={styles.inline} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setDraft(null)}>
      <input
        className="input"
        type="number"
        inputMode="decimal"
        step={props.step ?? 'any'}
        min={props.min}
        value={draft}
        aria-label={props.label}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
      />
      <Button size="sm" variant="primary" type="submit">
        {t('save')}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
        {t('cancel')}
      </Button>
    </form>
  );
}
