'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/api-client';
import type { TBacktestDays, TBacktestResult } from './backtest';
import { BacktestFigures } from './rule-editor-results';
import styles from './rule-editor.module.css';

// "Test on the last 7 / 30 days": the editor's rule replayed over stored
// payments, each as of its own time. Nothing is written.

/** `busy`: no new test (one backtest per organization at a time); `pending`: this panel's test is running. */
export function RuleTestPanel(props: { busy: boolean; pending: boolean; error: Error | null; result: TBacktestResult | null; stale: boolean; onTest: (days: TBacktestDays) => void }) {
  const { pending, error, result } = props;
  // Over its time budget the API answers 422 with what to do: a narrower window.
  const tooSlow = error instanceof ApiError && error.code === 'query_too_slow';
  return (
    <section className={styles.section} aria-labelledby="rule-test-title" data-testid="rule-test">
      <div className={styles.sectionHead}>
        <h3 id="rule-test-title">Test on past payments</h3>
        <div className={styles.actions}>
          {([7, 30] as const).map((days) => (
            <Button key={days} size="sm" disabled={props.busy} onClick={() => props.onTest(days)} data-testid={`test-rule-${days}d`}>
              Test on the last {days} days
            </Button>
          ))}
        </div>
      </div>
      <p className="hint">The rule as it stands in this form, added to the others (or in place of the saved version), replayed on each past payment with the history it had then.</p>
      {pending ? (
        <p className="hint" role="status" data-testid="backtest-pending">
          Replaying the payments…
        </p>
      ) : error ? (
        <Alert testId="backtest-error">
          {error.message}
          {tooSlow ? ' Try the last 7 days.' : ''}
        </Alert>
      ) : result ? (
        <BacktestFigures result={result} stale={props.stale} />
      ) : null}
    </section>
  );
}
