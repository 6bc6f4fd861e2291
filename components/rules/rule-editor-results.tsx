'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Table, TableHead, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { DECISION_TONE, formatAmount, formatDateTime, formatTime } from '@/components/dashboard/format';
import { decisionChangeList, formatCount, formatObserved, formatRatio, formatShare, windowDays, type TBacktestResult } from './backtest';
import type { TComparisonResult, TSide } from './use-rule-editor';
import styles from './rule-editor.module.css';

// What a backtest found, and Before / After once a change is saved.

function Changes({ changes, testId }: { changes: Record<string, number>; testId: string }) {
  const list = decisionChangeList(changes);
  if (list.length === 0) return <span data-testid={testId}>No decision would change</span>;
  return (
    <ul className={styles.changes} data-testid={testId}>
      {list.map((c) => (
        <li key={c.pair} data-testid="decision-change" data-pair={c.pair} data-value={c.count}>
          {c.label}: {formatCount(c.count)}
        </li>
      ))}
    </ul>
  );
}

export function BacktestFigures({ result, stale }: { result: TBacktestResult; stale: boolean }) {
  const { fraud, legit } = result.labels;
  return (
    <section className={styles.results} data-testid="backtest-result" aria-live="polite">
      <p className="hint" data-testid="backtest-window">
        The last {windowDays(result)} days ({formatDateTime(result.from)} – {formatDateTime(result.to)}), answered in {formatCount(result.durationMs)} ms.
        {stale ? <strong> The rule changed since: test it again.</strong> : null}
      </p>
      <dl className={styles.figures}>
        <div>
          <dt>Evaluated</dt>
          <dd data-testid="backtest-evaluated" data-value={result.evaluated}>
            {formatCount(result.evaluated)} payments
          </dd>
        </div>
        <div>
          <dt>Matched</dt>
          <dd data-testid="backtest-matched" data-value={result.matched}>
            {formatShare(result.matched, result.evaluated)}
          </dd>
        </div>
        <div>
          <dt>Fraud matched (recall)</dt>
          <dd data-testid="backtest-fraud" data-matched={fraud.matched} data-total={fraud.total}>
            {formatCount(fraud.matched)} of {formatCount(fraud.total)} · <span data-testid="backtest-recall">{formatRatio(result.recall)}</span>
          </dd>
        </div>
        <div>
          <dt>Precision</dt>
          <dd data-testid="backtest-precision">{formatRatio(result.precision)}</dd>
        </div>
        <div>
          <dt>Legit matched</dt>
          <dd data-testid="backtest-legit" data-matched={legit.matched} data-total={legit.total}>
            {formatCount(legit.matched)} of {formatCount(legit.total)}
          </dd>
        </div>
        <div>
          <dt>Decisions that would change</dt>
          <dd>
            <Changes changes={result.decisionChanges} testId="backtest-changes" />
          </dd>
        </div>
      </dl>
      <p className="hint" data-testid="backtest-assumptions">
        Lists and thresholds as they are now (review from {result.assumptions.thresholds.review}, block from {result.assumptions.thresholds.block}); the
        other rules as they fired, with their settings now; this rule counted as active. Precision and recall count only payments labelled fraud (a
        chargeback, say) or legit.
      </p>
      {result.examples.length > 0 ? <Examples result={result} /> : null}
    </section>
  );
}

function Examples({ result }: { result: TBacktestResult }) {
  return (
    <Table data-testid="backtest-examples" aria-label="Payments the rule matched">
      <TableHead columns={['Time', 'Order', 'Amount', 'Decision → would be', 'Observed']} />
      <TBody>
        {result.examples.map((e) => (
          <Tr key={e.id} data-testid="backtest-example" data-external-id={e.externalId}>
            <Td>{formatTime(e.createdAt)}</Td>
            <Td className="mono">{e.externalId}</Td>
            <Td numeric>{formatAmount(e.amount, e.currency)}</Td>
            <Td style={{ whiteSpace: 'nowrap' }}>
              <Badge tone={DECISION_TONE[e.decision]}>{e.decision}</Badge> → <Badge tone={DECISION_TONE[e.wouldBe]}>{e.wouldBe}</Badge>
            </Td>
            <Td data-testid="example-observed">{formatObserved(e.observed)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const sideCell = (side: TSide, render: (r: TBacktestResult) => ReactNode) => ('result' in side ? render(side.result) : '—');

export function BeforeAfter({ comparison, versions }: { comparison: TComparisonResult; versions: { before: number; after: number } }) {
  const { before, after } = comparison;
  const rows: { id: string; label: string; render: (r: TBacktestResult, side: string) => ReactNode }[] = [
    { id: 'matched', label: 'Matched', render: (r) => formatShare(r.matched, r.evaluated) },
    { id: 'changes', label: 'Decisions that would change', render: (r, side) => <Changes changes={r.decisionChanges} testId={`${side}-changes`} /> },
    { id: 'precision', label: 'Precision', render: (r) => formatRatio(r.precision) },
    { id: 'recall', label: 'Recall', render: (r) => formatRatio(r.recall) },
  ];
  const ref = useRef<HTMLElement>(null);
  // The panel may be scrolled down to the Save button: bring the answer into view. A block body:
  // Chromium's scrollIntoView returns a promise now, which React would take for the cleanup.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const errors = [before, after].flatMap((side, i) => ('error' in side ? [`${i === 0 ? 'Before' : 'After'}: ${side.error.message}`] : []));
  return (
    <section ref={ref} className={`${styles.results} ${styles.compared}`} data-testid="before-after" aria-live="polite">
      <h3>
        Before / after, over the last {windowDays(comparison.window)} days
      </h3>
      <Table>
        <THead>
          <Tr>
            <Th>
              <span className="sr-only">Figure</span>
            </Th>
            <Th>Before (version {versions.before})</Th>
            <Th>After (version {versions.after})</Th>
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
      {errors.length > 0 ? <Alert>Could not compare: {errors.join(' ')}</Alert> : null}
    </section>
  );
}
