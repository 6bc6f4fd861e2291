'use client';

import styles from './rules.module.css';

/** An on/off switch with its state in words beside it ("Active" / "Shadow"). */
export function Switch(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  onText: string;
  offText: string;
  tone?: 'shadow';
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={props.checked}
      aria-label={props.label}
      className={styles.switch}
      data-tone={props.tone}
      data-testid={props.testId}
      disabled={props.disabled}
      onClick={() => props.onChange(!props.checked)}
    >
      <span className={styles.track} aria-hidden>
        <span className={styles.thumb} />
      </span>
      {props.checked ? props.onText : props.offText}
    </button>
  );
}
