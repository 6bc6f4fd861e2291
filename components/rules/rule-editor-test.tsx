'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useErrorText } from '@/hooks/use-error-text';
import { ApiError } from '@/lib/api-client';
import type { TBacktestDays, TBacktestResult } from './backtest';
import { BacktestFigures } from './rule-editor-results';
import styles from './rule-editor.module.css';

// "Test on the last 7 / 30 days": the editor's rule replayed over stored
// payments, each as of its own time. Nothing is written.

/** `busy`: no new test (one backtest per organization at a time); `pending`: this panel's test is running. */
export function RuleTestPanel(props: { busy: boolean; pending: boolean; error: Error | null; result: TBacktestResult | null; stale: boolean; onTest: (days: TBacktestDays) => void }) {
  const { pending, error, result } = props;
  const t = useTranslations('rules.backtest');
  const errorText = useErrorText();
  // Over its time budget the API answers 422 with what to do: a narrower window.
  const tooSlow = error instanceof ApiError && error.code === 'query_too_slow';
  return (
    <section className={styles.section} aria-labelledby="rule-test-title" data-testid="rule-test">
      <div className={styles.sectionHead}>
        <h3 id="rule-test-title">{t('title')}</h3>
        <div className={styles.actions}>
          {([7, 30] as const).map((days) => (
            <Button key={days} size="sm" disabled={props.busy} onClick={() => props.onTest(days)} data-testid={`test-rule-${days}d`}>
              {t('run', { days })}
            </Button>
          ))}
        </div>
      </div>
      <p className="hint">{t('hint')}</p>
      {pending ? (
        <p className="hint" role="status" data-testid="backtest-pending">
          {t('pending')}
        </p>
      ) : error ? (
        <Alert testId="backtest-error">
          {errorText(error)}
          {tooSlow ? ` ${t('trySeven')}` : ''}
        </Alert>
      ) : result ? (
        <BacktestFigures result={result} stale={props.stale} />
      ) : null}
    </section>
  );
}
