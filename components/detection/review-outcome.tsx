'use client';

import { ReviewActions } from '@/components/review/review-actions';
import { formatDateTime } from '@/components/dashboard/format';
import { useCan } from '@/hooks/use-permissions';
import type { TDetection } from '@/lib/detections/schema';
import styles from './detection.module.css';

const PAST = { approved: 'Approved', blocked: 'Blocked' } as const;
const VERDICT = { fraud: 'fraud', genuine: 'genuine', unclear: 'unclear' } as const;

/** Who reviewed the detection, when and why; or, while it waits, the review queue's own form for those who may review. */
export function ReviewOutcome({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const canReview = useCan('review');
  const { review } = detection;
  if (review && review.status !== 'pending') {
    return (
      <div className={styles.review} data-testid="review-outcome" data-status={review.status}>
        <div>
          <strong>{PAST[review.status]}</strong> by {review.by ?? 'someone no longer in the organization'}
          {review.at ? ` · ${formatDateTime(review.at)}` : ''}
          {review.verdict ? ` · verdict: ${VERDICT[review.verdict]}` : ''}
        </div>
        {review.note ? <div data-testid="review-outcome-note">“{review.note}”</div> : <div className="muted">No note.</div>}
      </div>
    );
  }
  if (detection.decision !== 'REVIEW') return <p className="muted">Decided {detection.decision} by the rules; not sent to review.</p>;
  const claim = review?.claim;
  const held = claim ? (
    <p className="muted" data-testid="review-claim">
      Claimed by {claim.name || claim.email || 'an analyst'} until {formatDateTime(claim.until)}.
    </p>
  ) : null;
  if (!canReview) {
    return (
      <>
        {held}
        <p className="muted" data-testid="review-pending">Waiting for an analyst’s review.</p>
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
