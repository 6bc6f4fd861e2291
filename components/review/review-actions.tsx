'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useReviewDetection } from '@/hooks/use-review-queue';
import type { TDetection } from '@/lib/detections/schema';
import { REVIEW_NOTE_MAX } from '@/lib/reviews/schema';
import styles from './review.module.css';

/** An optional note and the two decisions for one queued detection. */
export function ReviewActions({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const [note, setNote] = useState('');
  const review = useReviewDetection(orgId);
  const busy = review.isPending;
  const decide = (action: 'approve' | 'block') => review.mutate({ detection, action, note });

  return (
    <div className={styles.actions}>
      <div className={styles.buttons}>
        <Button size="sm" onClick={() => decide('approve')} disabled={busy} data-testid="review-approve" aria-label={`Approve order ${detection.externalId}`}>
          {busy && review.variables?.action === 'approve' ? 'Approving…' : 'Approve'}
        </Button>
        <Button
          size="sm"
          variant="danger"
          onClick={() => decide('block')}
          disabled={busy}
          data-testid="review-block"
          aria-label={`Block order ${detection.externalId}`}
        >
          {busy && review.variables?.action === 'block' ? 'Blocking…' : 'Block'}
        </Button>
      </div>
      <input
        className={`input ${styles.note}`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={REVIEW_NOTE_MAX}
        placeholder="Note (optional)"
        aria-label={`Note for order ${detection.externalId}`}
        data-testid="review-note"
        disabled={busy}
      />
    </div>
  );
}
