'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { DecisionBadge } from '@/components/dashboard/decision-badge';
import { RISK_COLOR, formatCard } from '@/components/dashboard/format';
import { useFormats } from '@/hooks/use-formats';
import { useCan } from '@/hooks/use-permissions';
import type { TDetection } from '@/lib/detections/schema';
import { DetectionSnoozes } from './detection-snoozes';
import { OutcomesSection } from './outcomes-section';
import { ReasonText } from './reason-text';
import { RelatedPanel } from './related-panel';
import { ReviewOutcome } from './review-outcome';
import { snoozeTargets } from './snooze-keys';
import { SnoozeRule } from './snooze-rule';
import styles from './detection.module.css';
import type en from '@/messages/en/detection.json';

type TField = keyof (typeof en)['field'];

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
/** Fields shown in the reader's formats; the others are the payment's data, shown as sent. */
const FORMATTED = new Set<TField>(['amount', 'received', 'authorization']);

export function DetectionDetails({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const t = useTranslations('detection');
  const decisionText = useTranslations('dashboard');
  const f = useFormats();
  const d = detection;
  const canSnooze = useCan('rules.snooze');
  const targets = snoozeTargets(d);
  // Only a REVIEW can be reviewed: after a review, the rules' decision was REVIEW whatever it is now.
  const decidedByRules = d.review && d.review.status !== 'pending' ? 'REVIEW' : d.decision;
  const fields: [TField, string | null][] = [
    ['amount', f.money(d.amount, d.currency)],
    ['received', f.dateTime(d.createdAt)],
    ['card', formatCard(d.card)],
    ['cardCountry', d.card?.country ?? null],
    ['fingerprint', d.card?.fingerprint ?? null],
    ['email', d.email],
    ['ip', d.ip],
    ['customer', d.customerId],
    ['device', d.deviceId],
    ['authorization', d.authStatus ? t('authStatus', { status: d.authStatus }) + (d.declineCode ? ` (${d.declineCode})` : '') : null],
    ['id', d.id],
  ];

  return (
    <>
      <div>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <DecisionBadge decision={d.decision} />
          <span>{t.rich('score', { score: d.score, risk: d.riskLevel, b: (chunks) => <strong style={{ color: RISK_COLOR[d.riskLevel] }}>{chunks}</strong> })}</span>
        </div>
        <div className="score-bar" aria-hidden>
          <span style={{ width: `${Math.min(100, Math.max(0, d.score))}%`, background: RISK_COLOR[d.riskLevel] }} />
        </div>
      </div>

      <Section title={t('why')}>
        {d.reasons.length === 0 ? (
          <p className="muted">{t('noSignals')}</p>
        ) : (
          <ul className="reasons" data-testid="detection-reasons">
            {d.reasons.map((r, i) => (
              <li key={`${r.code}-${i}`} className={r.decisive ? 'decisive' : undefined} data-decisive={r.decisive ? 'true' : undefined}>
                {r.decisive ? <div className="decided-by">{t('decided', { decision: decisionText('decision', { decision: decidedByRules }) })}</div> : null}
                <div>
                  <ReasonText reason={r} currency={d.currency} />
                </div>
                <code>{r.code}</code>
                {canSnooze && r.ruleId && r.mode !== 'shadow' ? <SnoozeRule orgId={orgId} ruleId={r.ruleId} ruleCode={r.code} targets={targets} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <DetectionSnoozes orgId={orgId} targets={targets} />

      {d.shadow.length > 0 ? (
        <Section title={t('shadow.title')} testId="detection-shadow">
          <ul className={`reasons ${styles.shadow}`}>
            {d.shadow.map((r, i) => (
              <li key={`${r.code}-${i}`} data-testid="shadow-reason">
                <div className={styles.wouldBe}>{r.action ? t('shadow.wouldDecide', { decision: decisionText('decision', { decision: r.action }) }) : t('shadow.wouldScore')}</div>
                <div>
                  <ReasonText reason={r} currency={d.currency} />
                </div>
                <code>{r.code}</code>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title={t('reviewTitle')} testId="detection-review">
        <ReviewOutcome orgId={orgId} detection={d} />
      </Section>

      <Section title={t('outcomesTitle')} testId="detection-outcomes">
        <OutcomesSection orgId={orgId} detection={d} />
      </Section>

      <dl className="dl">
        {fields.map(([key, value]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>{t(`field.${key}`)}</dt>
            {FORMATTED.has(key) ? <dd>{value ?? '—'}</dd> : <dd className="mono" translate="no">{value ?? '—'}</dd>}
          </div>
        ))}
      </dl>

      <RelatedPanel orgId={orgId} detection={d} />
    </>
  );
}
