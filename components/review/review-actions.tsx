'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useReviewDetection } from '@/hooks/use-review-queue';
import { useFormats } from '@/hooks/use-formats';
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
  const t = useTranslations('review.actions');
  const tClaim = useTranslations('review.claim');
  const f = useFormats();
  const [note, setNote] = useState('');
  const [verdict, setVerdict] = useState<TVerdictChoice>('auto');
  const review = useReviewDetection(orgId);
  const holder = heldByOther(detection, useCurrentUserId(), useNow());
  const busy = review.isPending;
  const blocked = busy || holder !== null;
  const title = holder ? t('heldBy', { name: holderName(holder) ?? tClaim('anotherAnalyst'), time: f.time(holder.until) }) : undefined;
  const id = detection.externalId;
  const decide = (action: TReviewAction) => review.mutate({ detection, action, note, verdict: verdictFor(action, verdict) });

  return (
    <div className={styles.actions}>
      <div className={styles.buttons}>
        <Button size="sm" onClick={() => decide('approve')} disabled={blocked} title={title} data-testid="review-approve" aria-label={t('approveLabel', { id })}>
          {busy && review.variables?.action === 'approve' ? t('approving') : t('approve')}
        </Button>
        <Button size="sm" variant="danger" onClick={() => decide('block')} disabled={blocked} title={title} data-testid="review-block" aria-label={t('blockLabel', { id })}>
          {busy && review.variables?.action === 'block' ? t('blocking') : t('block')}
        </Button>
      </div>
      <div className={styles.buttons}>
        <VerdictSelect value={verdict} onChange={setVerdict} disabled={blocked} label={t('verdictLabel', { id })} testId="review-verdict" />
        <input
          className={`input ${styles.note}`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={REVIEW_NOTE_MAX}
          placeholder={t('note')}
          aria-label={t('noteLabel', { id })}
          data-testid="review-note"
          disabled={blocked}
        />
      </div>
    </div>
  );
}
