'use client';

import type { ReactNode } from 'react';
import { DecisionBadge } from '@/components/dashboard/decision-badge';
import { RISK_COLOR, formatAmount, formatCard, formatDateTime } from '@/components/dashboard/format';
import { useCan } from '@/hooks/use-permissions';
import type { TDetection } from '@/lib/detections/schema';
import { DetectionSnoozes } from './detection-snoozes';
import { OutcomesSection } from './outcomes-section';
import { RelatedPanel } from './related-panel';
import { ReviewOutcome } from './review-outcome';
import { snoozeTargets } from './snooze-keys';
import { SnoozeRule } from './snooze-rule';
import styles from './detection.module.css';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className={styles.section} data-testid={testId}>
      <h3 className={`hint ${styles.heading}`}>{title}</h3>
      {children}
    </section>
  );
}

/**
 * Everything about one detection an analyst acts on, the same in the dashboard's drawer and on the
 * detection page: score and decision, why, what the shadow rules would have decided, the review,
 * what became of the payment (outcomes, label), the payment's fields, related payments per key, and the actions the user's role allows.
 */
export function DetectionDetails({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const d = detection;
  const canSnooze = useCan('rules.snooze');
  const targets = snoozeTargets(d);
  // Only a REVIEW can be reviewed: after a review, the rules' decision was REVIEW whatever it is now.
  const decidedByRules = d.review && d.review.status !== 'pending' ? 'REVIEW' : d.decision;
  const fields: [string, string | null][] = [
    ['Amount', formatAmount(d.amount, d.currency)],
    ['Received', formatDateTime(d.createdAt)],
    ['Card', formatCard(d.card)],
    ['Card country', d.card?.country ?? null],
    ['Fingerprint', d.card?.fingerprint ?? null],
    ['Email', d.email],
    ['IP', d.ip],
    ['Customer', d.customerId],
    ['Device', d.deviceId],
    ['Authorization', d.authStatus ? d.authStatus + (d.declineCode ? ` (${d.declineCode})` : '') : null],
    ['Detection id', d.id],
  ];

  return (
    <>
      <div>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <DecisionBadge decision={d.decision} />
          <span>
            Score <strong style={{ color: RISK_COLOR[d.riskLevel] }}>{d.score}</strong>/100 · {d.riskLevel} risk
          </span>
        </div>
        <div className="score-bar" aria-hidden>
          <span style={{ width: `${Math.min(100, Math.max(0, d.score))}%`, background: RISK_COLOR[d.riskLevel] }} />
        </div>
      </div>

      <Section title="Why">
        {d.reasons.length === 0 ? (
          <p className="muted">No risk signals fired for this transaction.</p>
        ) : (
          <ul className="reasons" data-testid="detection-reasons">
            {d.reasons.map((r, i) => (
              <li key={`${r.code}-${i}`} className={r.decisive ? 'decisive' : undefined} data-decisive={r.decisive ? 'true' : undefined}>
                {r.decisive ? <div className="decided-by">Decided {decidedByRules}</div> : null}
                <div>{r.message}</div>
                <code>{r.code}</code>
                {canSnooze && r.ruleId && r.mode !== 'shadow' ? <SnoozeRule orgId={orgId} ruleId={r.ruleId} ruleCode={r.code} targets={targets} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <DetectionSnoozes orgId={orgId} targets={targets} />

      {d.shadow.length > 0 ? (
        <Section title="Shadow rules (recorded, not applied)" testId="detection-shadow">
          <ul className={`reasons ${styles.shadow}`}>
            {d.shadow.map((r, i) => (
              <li key={`${r.code}-${i}`} data-testid="shadow-reason">
                <div className={styles.wouldBe}>{r.action ? `Would have decided ${r.action}` : 'Would have added to the score'}</div>
                <div>{r.message}</div>
                <code>{r.code}</code>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title="Review" testId="detection-review">
        <ReviewOutcome orgId={orgId} detection={d} />
      </Section>

      <Section title="Outcomes" testId="detection-outcomes">
        <OutcomesSection orgId={orgId} detection={d} />
      </Section>

      <dl className="dl">
        {fields.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd className={label === 'Amount' || label === 'Received' ? undefined : 'mono'}>{value ?? '—'}</dd>
          </div>
        ))}
      </dl>

      <RelatedPanel orgId={orgId} detection={d} />
    </>
  );
}
