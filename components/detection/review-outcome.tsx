'use client';

import { useTranslations } from 'next-intl';
import { ReviewActions } from '@/components/review/review-actions';
import { useFormats } from '@/hooks/use-formats';
import { useCan } from '@/hooks/use-permissions';
import type { TDetection } from '@/lib/detections/schema';
import styles from './detection.module.css';

/** Who reviewed the detection, when and why; or, while it waits, the review queue's own form for those who may review. */
export function ReviewOutcome({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const t = useTranslations('detection.review');
  const decisionText = useTranslations('dashboard');
  const f = useFormats();
  const canReview = useCan('review');
  const { review } = detection;
  if (review && review.status !== 'pending') {
    return (
      <div className={styles.review} data-testid="review-outcome" data-status={review.status}>
        <div>
          {t.rich('by', { status: review.status, who: review.by ?? t('someoneGone'), b: (chunks) => <strong>{chunks}</strong> })}
          {review.at ? ` · ${f.dateTime(review.at)}` : ''}
          {review.verdict ? ` · ${t('verdict', { verdict: review.verdict })}` : ''}
        </div>
        {review.note ? (
          <div data-testid="review-outcome-note" translate="no">
            “{review.note}”
          </div>
        ) : (
          <div className="muted">{t('noNote')}</div>
        )}
      </div>
    );
  }
  if (detection.decision !== 'REVIEW') return <p className="muted">{t('notSent', { decision: decisionText('decision', { decision: detection.decision }) })}</p>;
  const claim = review?.claim;
  const held = claim ? (
    <p className="muted" data-testid="review-claim">
      {t('claimed', { who: claim.name || claim.email || t('anAnalyst'), until: f.dateTime(claim.until) })}
    </p>
  ) : null;
  if (!canReview) {
    return (
      <>
        {held}
        <p className="muted" data-testid="review-pending">
          {t('waiting')}
        </p>
      </>
    );
  }
  return (
    <>
      {held}
      <ReviewActions orgId={orgId} detection={detection} />
    </>
  );
}
