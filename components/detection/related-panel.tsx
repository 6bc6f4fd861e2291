'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { formatAmount, formatDateTime } from '@/components/dashboard/format';
import { useRelated } from '@/hooks/use-detection';
import { useListEntries } from '@/hooks/use-lists';
import type { TRelated, TRelatedKeyCounts, TRelatedWindow } from '@/lib/detections/related';
import type { TDetection } from '@/lib/detections/schema';
import { KeyActions } from './key-actions';
import { KEY_LABEL, WINDOW_LABEL, relatedListHref } from './keys';
import styles from './detection.module.css';

// Types only from lib/detections/related: its values are server code.
const WINDOWS: TRelatedWindow[] = ['24h', '7d', '30d'];
const DECISIONS = ['ALLOW', 'REVIEW', 'BLOCK'] as const;
const DECISION_LABEL = { ALLOW: 'Allowed', REVIEW: 'Sent to review', BLOCK: 'Blocked' } as const;

function KeyRow({ orgId, detection, related, row, entries }: { orgId: string; detection: TDetection; related: TRelated; row: TRelatedKeyCounts; entries: Parameters<typeof KeyActions>[0]['entries'] }) {
  return (
    <li className={styles.key} data-testid="related-key" data-key={row.key}>
      <div className={styles.keyHead}>
        <strong>{KEY_LABEL[row.key]}</strong>
        <span className={`mono ${styles.keyValue}`} title={row.value}>
          {row.value}
        </span>
      </div>
      {/* Columns: one per window, each counting attempts then each decision; every figure links to its rows. */}
      <div className={styles.windows}>
        <div className={styles.window} aria-hidden>
          <span className="hint">&nbsp;</span>
          <span className="hint">Attempts</span>
          {DECISIONS.map((d) => (
            <span key={d} className="hint">
              {DECISION_LABEL[d]}
            </span>
          ))}
        </div>
        {WINDOWS.map((w) => {
          const c = row.windows[w];
          const bounds = related.windows[w];
          const plus = c.exact ? '' : '+';
          const what = `with this ${KEY_LABEL[row.key]} from ${formatDateTime(bounds.from)} to this payment`;
          return (
            <div key={w} className={styles.window} data-testid="related-window" data-window={w}>
              <span className="hint">{WINDOW_LABEL[w]}</span>
              <Link className={styles.attempts} href={relatedListHref(row.key, row.value, bounds)} data-testid="related-attempts" title={`Attempts ${what}`}>
                {c.attempts.toLocaleString()}
                {plus}
              </Link>
              {DECISIONS.map((d) => (
                <Link key={d} className={styles.count} href={relatedListHref(row.key, row.value, bounds, d)} data-testid={`related-${d.toLowerCase()}`} title={`${DECISION_LABEL[d]} ${what}`}>
                  {c[d].toLocaleString()}
                  {plus}
                </Link>
              ))}
            </div>
          );
        })}
      </div>
      <KeyActions orgId={orgId} keyName={row.key} value={row.value} entries={entries} detectionExternalId={detection.externalId} />
    </li>
  );
}

function UsualAmount({ detection, related }: { detection: TDetection; related: TRelated }) {
  const usual = related.usualAmount;
  if (!usual) return <p className="muted">No customer id or email: no usual amount to compare with.</p>;
  const who = usual.key === 'customer_id' ? 'This customer' : 'This email';
  if (usual.median === null) return <p className={`muted ${styles.usual}`} data-testid="usual-amount">{who} has no other payment in {usual.currency} that went through in the 30 days before.</p>;
  return (
    <p className={styles.usual} data-testid="usual-amount">
      {who} usually pays <strong>{formatAmount(usual.median, usual.currency)}</strong> (median of {usual.count} payment{usual.count === 1 ? '' : 's'} over the 30 days before);
      this one is <strong>{formatAmount(detection.amount, detection.currency)}</strong>
      {usual.ratio !== null ? `, ${usual.ratio.toLocaleString()}× that` : ''}.
    </p>
  );
}

/**
 * What else each key of the detection did in the 24 h, 7 d and 30 d before it, each count a link to
 * those very rows on the dashboard, and the actions on each key.
 */
export function RelatedPanel({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const related = useRelated(orgId, detection.id);
  const lists = useListEntries(orgId);
  const entries = lists.data?.entries ?? [];
  return (
    <section className={styles.section} data-testid="related-panel">
      <h3 className={`hint ${styles.heading}`}>Related payments (windows ending at this payment)</h3>
      {related.isPending ? (
        <div className="skeleton" aria-busy="true" />
      ) : related.isError ? (
        <Alert>Could not load related payments: {related.error.message}</Alert>
      ) : related.data.keys.length === 0 ? (
        <p className="muted">This payment has no card, IP, email, device or customer to relate it by.</p>
      ) : (
        <>
          <UsualAmount detection={detection} related={related.data} />
          <ul className={styles.keys}>
            {related.data.keys.map((row) => (
              <KeyRow key={row.key} orgId={orgId} detection={detection} related={related.data} row={row} entries={entries} />
            ))}
          </ul>
          {related.data.keys.some((k) => WINDOWS.some((w) => !k.windows[w].exact)) ? (
            <p className="hint">“+”: more rows than one look reads; the figure is a lower bound.</p>
          ) : null}
        </>
      )}
    </section>
  );
}
