'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useFormats } from '@/hooks/use-formats';
import { useCan } from '@/hooks/use-permissions';
import { useLabelDetection, type TLabelChoice } from '@/hooks/use-outcomes';
import type { TDetection, TDetectionOutcome } from '@/lib/detections/schema';
import styles from './detection.module.css';

const REASON_MAX = 500;

/** The label as a badge: fraud in the block colour, legit in the allow colour, else "No label". */
export function LabelBadge({ label }: { label: TDetection['label'] }) {
  const t = useTranslations('detection.outcomes');
  if (!label)
    return (
      <Badge data-testid="detection-label" data-label="none">
        {t('noLabel')}
      </Badge>
    );
  return (
    <Badge tone={label === 'fraud' ? 'block' : 'allow'} data-testid="detection-label" data-label={label}>
      {label === 'fraud' ? t('fraud') : t('legit')}
    </Badge>
  );
}

/**
 * What happened to the payment after scoring (README, "Outcomes and labels"): the label, the
 * timeline oldest first, and for analysts and up the buttons that confirm fraud or legit.
 */
export function OutcomesSection({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const t = useTranslations('detection.outcomes');
  const f = useFormats();
  const canLabel = useCan('outcomes.label');
  return (
    <div className={styles.outcomes}>
      <div>
        <LabelBadge label={detection.label} />
      </div>
      {detection.outcomes.length === 0 ? (
        <p className="muted" data-testid="outcomes-empty">
          {t('empty')}
        </p>
      ) : (
        <ol className={styles.timeline} data-testid="outcomes-timeline">
          {detection.outcomes.map((o) => (
            <li key={o.id} data-testid="outcome" data-type={o.type}>
              <strong>{t('type', { type: o.type })}</strong>
              <span className="muted"> · {f.dateTime(o.occurredAt)}</span>
              {o.amount !== undefined ? <span> · {f.money(o.amount, detection.currency)}</span> : null}
              {o.declineCode ? <span className="mono"> · {o.declineCode}</span> : null}
              {o.reason ? <div translate="no">“{o.reason}”</div> : null}
            </li>
          ))}
        </ol>
      )}
      {canLabel ? <LabelActions orgId={orgId} detection={detection} /> : null}
    </div>
  );
}

function LabelActions({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const t = useTranslations('detection.outcomes');
  const [reason, setReason] = useState('');
  const label = useLabelDetection(orgId);
  const mark = (type: TLabelChoice) => label.mutate({ detection, type, reason }, { onSuccess: () => setReason('') });
  const busy = label.isPending;
  return (
    <div className={styles.actions}>
      <Button size="sm" variant="danger" onClick={() => mark('fraud_confirmed')} disabled={busy} data-testid="mark-fraud">
        {t('markFraud')}
      </Button>
      <Button size="sm" onClick={() => mark('legit_confirmed')} disabled={busy} data-testid="mark-legit">
        {t('markLegit')}
      </Button>
      <input
        className="input"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={REASON_MAX}
        placeholder={t('reasonPlaceholder')}
        aria-label={t('reasonLabel', { id: detection.externalId })}
        data-testid="label-reason"
        disabled={busy}
      />
    </div>
  );
}
