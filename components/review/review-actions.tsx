'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useReviewDetection } from '@/hooks/use-review-queue';
import { useCurrentUserId, useNow } from '@/hooks/use-team-queue';
import type { TDetection } from '@/lib/detections/schema';
import { REVIEW_NOTE_MAX, type TReviewAction } from '@/lib/reviews/schema';
import { heldByOther, holderName, verdictFor, type TVerdictChoice } from './queue-logic';
import { VerdictSelect } from './verdict-select';
import styles from './review.module.css';

/**
 * The decision on one REVIEW detection: approve or block, with a verdict and
 * an optional note. Usable on its own (the queue's rows, the detection
 * drawer): it needs only the org and the detection. While another analyst
 * holds the item the buttons say so and stay disabled (the server would 409).
 */
export function ReviewActions({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const [note, setNote] = useState('');
  const [verdict, setVerdict] = useState<TVerdictChoice>('auto');
  const review = useReviewDetection(orgId);
  const holder = heldByOther(detection, useCurrentUserId(), useNow());
  const busy = review.isPending;
  const blocked = busy || holder !== null;
  const title = holder ? `Held by ${holderName(holder)} until ${new Date(holder.until).toLocaleTimeString()}` : undefined;
  const decide = (action: TReviewAction) => review.mutate({ detection, action, note, verdict: verdictFor(action, verdict) });

  return (
    <div className={styles.actions}>
      <div className={styles.buttons}>
        <Button size="sm" onClick={() => decide('approve')} disabled={blocked} title={title} data-testid="review-approve" aria-label={`Approve order ${detection.externalId}`}>
          {busy && review.variables?.action === 'approve' ? 'Approving…' : 'Approve'}
        </Button>
        <Button size="sm" variant="danger" onClick={() => decide('block')} disabled={blocked} title={title} data-testid="review-block" aria-label={`Block order ${detection.externalId}`}>
          {busy && review.variables?.action === 'block' ? 'Blocking…' : 'Block'}
        </Button>
      </div>
      <div className={styles.buttons}>
        <VerdictSelect value={verdict} onChange={setVerdict} disabled={blocked} label={`Verdict for order ${detection.externalId}`} testId="review-verdict" />
        <input
          className={`input ${styles.note}`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={REVIEW_NOTE_MAX}
          placeholder="Note"
          aria-label={`Note for order ${detection.externalId}`}
          data-testid="review-note"
          disabled={blocked}
        />
      </div>
    </div>
  );
}
