import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

type TFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; hint?: ReactNode };

/** A labelled input; the hint is tied to it for screen readers. */
export function Field({ label, hint, id, ...props }: TFieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} className="input" aria-describedby={hintId} {...props} />
      {hint ? <span id={hintId} className="hint">{hint}</span> : null}
    </div>
  );
}
