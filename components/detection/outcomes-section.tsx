'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatAmount, formatDateTime } from '@/components/dashboard/format';
import { useCan } from '@/hooks/use-permissions';
import { useLabelDetection, type TLabelChoice } from '@/hooks/use-outcomes';
import type { TDetection, TDetectionOutcome } from '@/lib/detections/schema';
import styles from './detection.module.css';

/** Each outcome type in words, as a person reads the payment's story. */
const IN_WORDS: Record<TDetectionOutcome['type'], string> = {
  authorized: 'Authorized by the bank',
  declined: 'Declined by the bank',
  refunded: 'Refunded',
  chargeback: 'Chargeback',
  early_fraud_warning: 'Early fraud warning',
  fraud_confirmed: 'Confirmed as fraud',
  legit_confirmed: 'Confirmed as legitimate',
};

const REASON_MAX = 500;

/** The label as a badge: fraud in the block colour, legit in the allow colour, else "No label". */
export function LabelBadge({ label }: { label: TDetection['label'] }) {
  if (!label) return <Badge data-testid="detection-label" data-label="none">No label</Badge>;
  return (
    <Badge tone={label === 'fraud' ? 'block' : 'allow'} data-testid="detection-label" data-label={label}>
      {label === 'fraud' ? 'Fraud' : 'Legit'}
    </Badge>
  );
}

/**
 * What happened to the payment after scoring (README, "Outcomes and labels"): the label, the
 * timeline oldest first, and for analysts and up the buttons that confirm fraud or legit.
 */
export function OutcomesSection({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const canLabel = useCan('outcomes.label');
  return (
    <div className={styles.outcomes}>
      <div>
        <LabelBadge label={detection.label} />
      </div>
      {detection.outcomes.length === 0 ? (
        <p className="muted" data-testid="outcomes-empty">No outcome reported yet.</p>
      ) : (
        <ol className={styles.timeline} data-testid="outcomes-timeline">
          {detection.outcomes.map((o) => (
            <li key={o.id} data-testid="outcome" data-type={o.type}>
              <strong>{IN_WORDS[o.type] ?? o.type}</strong>
              <span className="muted"> · {formatDateTime(o.occurredAt)}</span>
              {o.amount !== undefined ? <span> · {formatAmount(o.amount, detection.currency)}</span> : null}
              {o.declineCode ? <span className="mono"> · {o.declineCode}</span> : null}
              {o.reason ? <div>“{o.reason}”</div> : null}
            </li>
          ))}
        </ol>
      )}
      {canLabel ? <LabelActions orgId={orgId} detection={detection} /> : null}
    </div>
  );
}

function LabelActions({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const [reason, setReason] = useState('');
  const label = useLabelDetection(orgId);
  const mark = (type: TLabelChoice) => label.mutate({ detection, type, reason }, { onSuccess: () => setReason('') });
  const busy = label.isPending;
  return (
    <div className={styles.actions}>
      <Button size="sm" variant="danger" onClick={() => mark('fraud_confirmed')} disabled={busy} data-testid="mark-fraud">
        Mark as fraud
      </Button>
      <Button size="sm" onClick={() => mark('legit_confirmed')} disabled={busy} data-testid="mark-legit">
        Mark as legit
      </Button>
      <input
        className="input"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={REASON_MAX}
        placeholder="Reason (optional)"
        aria-label={`Reason for the label of order ${detection.externalId}`}
        data-testid="label-reason"
        disabled={busy}
      />
    </div>
  );
}
