'use client';

import type { TVerdictChoice } from './queue-logic';
import styles from './review.module.css';

const OPTIONS: { value: TVerdictChoice; label: string }[] = [
  { value: 'auto', label: 'Verdict' },
  { value: 'fraud', label: 'Fraud' },
  { value: 'genuine', label: 'Genuine' },
  { value: 'unclear', label: 'Unclear' },
];

/** Why the analyst decides so. "As decided": approve → genuine, block → fraud. */
export function VerdictSelect(props: { value: TVerdictChoice; onChange: (v: TVerdictChoice) => void; disabled?: boolean; label: string; testId: string; autoLabel?: string }) {
  return (
    <select
      className={`select ${styles.verdict}`}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as TVerdictChoice)}
      disabled={props.disabled}
      aria-label={props.label}
      title="Why: approve means genuine and block means fraud unless you say otherwise"
      data-testid={props.testId}
    >
      {OPTIONS.map((o) => (
        <option key={o.value} value={o.value}>
          {o.value === 'auto' && props.autoLabel ? props.autoLabel : o.label}
        </option>
      ))}
    </select>
  );
}
