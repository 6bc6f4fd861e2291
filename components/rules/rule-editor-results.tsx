'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Table, TableHead, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { DECISION_TONE } from '@/components/dashboard/format';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { decisionChangeList, formatObserved, formatRatio, shareParts, windowDays, type TBacktestResult } from './backtest';
import type { TComparisonResult, TSide } from './use-rule-editor';
import styles from './rule-editor.module.css';

// What a backtest found, and Before / After once a change is saved.

/** "12 of 40 (30%)" / "12 sur 40 (30 %)" */
function useShare() {
  const t = useTranslations('rules.backtest');
  const f = useFormats();
  return (part: number, total: number) => {
    const s = shareParts(part, total, f);
    return s.ratio === null ? t('of', { part: s.part, total: s.total }) : t('share', { part: s.part, total: s.total, ratio: s.ratio });
  };
}

function Changes({ changes, testId }: { changes: Record<string, number>; testId: string }) {
  const t = useTranslations('rules');
  const list = decisionChangeList(changes);
  if (list.length === 0) return <span data-testid={testId}>{t('backtest.noChange')}</span>;
  return (
    <ul className={styles.changes} data-testid={testId}>
      {list.map((c) => (
        <li key={c.pair} data-testid="decision-change" data-pair={c.pair} data-value={c.count}>
          {t('backtest.change', { from: t(`labels.decision.${c.from}`), to: t(`labels.decision.${c.to}`), count: c.count })}
        </li>
      ))}
    </ul>
  );
}

export function BacktestFigures({ result, stale }: { result: TBacktestResult; stale: boolean }) {
  const t = useTranslations('rules.backtest');
  const f = useFormats();
  const share = useShare();
  const { fraud, legit } = result.labels;
  const of = (part: number, total: number) => t('of', { part: f.number(part), total: f.number(total) });
  return (
    <section className={styles.results} data-testid="backtest-result" aria-live="polite">
      <p className="hint" data-testid="backtest-window">
        {t('window', { days: windowDays(result), from: f.dateTime(result.from), to: f.dateTime(result.to), ms: result.durationMs })}
        {stale ? <strong> {t('stale')}</strong> : null}
      </p>
      <dl className={styles.figures}>
        <div>
          <dt>{t('evaluated')}</dt>
          <dd data-testid="backtest-evaluated" data-value={result.evaluated}>
            {t('payments', { count: result.evaluated })}
          </dd>
        </div>
        <div>
          <dt>{t('matched')}</dt>
          <dd data-testid="backtest-matched" data-value={result.matched}>
            {share(result.matched, result.evaluated)}
          </dd>
        </div>
        <div>
          <dt>{t('fraudMatched')}</dt>
          <dd data-testid="backtest-fraud" data-matched={fraud.matched} data-total={fraud.total}>
            {of(fraud.matched, fraud.total)} · <span data-testid="backtest-recall">{formatRatio(result.recall, f)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('precision')}</dt>
          <dd data-testid="backtest-precision">{formatRatio(result.precision, f)}</dd>
        </div>
        <div>
          <dt>{t('legitMatched')}</dt>
          <dd data-testid="backtest-legit" data-matched={legit.matched} data-total={legit.total}>
            {of(legit.matched, legit.total)}
          </dd>
        </div>
        <div>
          <dt>{t('changes')}</dt>
          <dd>
            <Changes changes={result.decisionChanges} testId="backtest-changes" />
          </dd>
        </div>
      </dl>
      <p className="hint" data-testid="backtest-assumptions">
        {t('assumptions', { review: result.assumptions.thresholds.review, block: result.assumptions.thresholds.block })}
      </p>
      {result.examples.length > 0 ? <Examples result={result} /> : null}
    </section>
  );
}

function Examples({ result }: { result: TBacktestResult }) {
  const t = useTranslations('rules');
  const f = useFormats();
  const words = { yes: t('labels.yes'), no: t('labels.no') };
  const columns = ['time', 'order', 'amount', 'decision', 'observed'] as const;
  return (
    <Table data-testid="backtest-examples" aria-label={t('backtest.examples')}>
      <TableHead columns={columns.map((c) => t(`backtest.columns.${c}`))} />
      <TBody>
        {result.examples.map((e) => (
          <Tr key={e.id} data-testid="backtest-example" data-external-id={e.externalId}>
            <Td>{f.when(e.createdAt)}</Td>
            <Td className="mono" translate="no">
              {e.externalId}
            </Td>
            <Td numeric>{f.money(e.amount, e.currency)}</Td>
            <Td style={{ whiteSpace: 'nowrap' }}>
              <Badge tone={DECISION_TONE[e.decision]}>{t(`labels.decision.${e.decision}`)}</Badge> →{' '}
              <Badge tone={DECISION_TONE[e.wouldBe]}>{t(`labels.decision.${e.wouldBe}`)}</Badge>
            </Td>
            <Td data-testid="example-observed">{formatObserved(e.observed, f, words)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const sideCell = (side: TSide, render: (r: TBacktestResult) => ReactNode) => ('result' in side ? render(side.result) : '—');

export function BeforeAfter({ comparison, versions }: { comparison: TComparisonResult; versions: { before: number; after: number } }) {
  const t = useTranslations('rules.backtest');
  const f = useFormats();
  const share = useShare();
  const errorText = useErrorText();
  const { before, after } = comparison;
  const rows: { id: string; label: string; render: (r: TBacktestResult, side: string) => ReactNode }[] = [
    { id: 'matched', label: t('matched'), render: (r) => share(r.matched, r.evaluated) },
    { id: 'changes', label: t('changes'), render: (r, side) => <Changes changes={r.decisionChanges} testId={`${side}-changes`} /> },
    { id: 'precision', label: t('precision'), render: (r) => formatRatio(r.precision, f) },
    { id: 'recall', label: t('recall'), render: (r) => formatRatio(r.recall, f) },
  ];
  const ref = useRef<HTMLElement>(null);
  // The panel may be scrolled down to the Save button: bring the answer into view. A block body:
  // Chromium's scrollIntoView returns a promise now, which React would take for the cleanup.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const errors = [
    'error' in before ? t('beforeError', { error: errorText(before.error) }) : null,
    'error' in after ? t('afterError', { error: errorText(after.error) }) : null,
  ].filter((e): e is string => e !== null);
  return (
    <section ref={ref} className={`${styles.results} ${styles.compared}`} data-testid="before-after" aria-live="polite">
      <h3>{t('beforeAfter', { days: windowDays(comparison.window) })}</h3>
      <Table>
        <THead>
          <Tr>
            <Th>
              <span className="sr-only">{t('figure')}</span>
            </Th>
            <Th>{t('before', { version: versions.before })}</Th>
            <Th>{t('after', { version: versions.after })}</Th>
          </Tr>
        </THead>
        <TBody>
          {rows.map((row) => (
            <Tr key={row.id}>
              <Th scope="row">{row.label}</Th>
              <Td data-testid={`before-${row.id}`}>{sideCell(before, (r) => row.render(r, 'before'))}</Td>
              <Td data-testid={`after-${row.id}`}>{sideCell(after, (r) => row.render(r, 'after'))}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {errors.length > 0 ? <Alert>{t('compareFailed', { errors: errors.join(' ') })}</Alert> : null}
    </section>
  );
}
