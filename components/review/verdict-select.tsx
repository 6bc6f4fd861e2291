'use client';

import { useTranslations } from 'next-intl';
import type { TVerdictChoice } from './queue-logic';
import styles from './review.module.css';

const OPTIONS: TVerdictChoice[] = ['auto', 'fraud', 'genuine', 'unclear'];

/** Why the analyst decides so. "As decided": approve → genuine, block → fraud. */
export function VerdictSelect(props: { value: TVerdictChoice; onChange: (v: TVerdictChoice) => void; disabled?: boolean; label: string; testId: string; autoLabel?: string }) {
  const t = useTranslations('review.verdict');
  return (
    <select
      className={`select ${styles.verdict}`}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as TVerdictChoice)}
      disabled={props.disabled}
      aria-label={props.label}
      title={t('why')}
      data-testid={props.testId}
    >
      {OPTIONS.map((o) => (
        <option key={o} value={o}>
          {o === 'auto' && props.autoLabel ? props.autoLabel : t(o)}
        </option>
      ))}
    </select>
  );
}
