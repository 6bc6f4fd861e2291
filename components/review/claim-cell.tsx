'use client';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatClock } from '@/components/dashboard/format';
import { useClaim } from '@/hooks/use-team-queue';
import type { TDetection } from '@/lib/detections/schema';
import { activeClaim, formatAge, holderName, isOverTarget } from './queue-logic';
import styles from './review.module.css';

/** How long the payment has waited, flagged past the org's target. */
export function AgeCell({ detection, targetMinutes, now }: { detection: TDetection; targetMinutes: number | undefined; now: number }) {
  const age = formatAge(now - Date.parse(detection.createdAt));
  const late = targetMinutes !== undefined && isOverTarget(detection.createdAt, targetMinutes, now);
  return (
    <div className={styles.age} data-testid="review-age" data-late={late ? 'true' : 'false'}>
      <span className="mono">{age}</span>
      {late ? (
        <Badge tone="block" title={`Waiting longer than the ${targetMinutes}-minute target`}>
          late
        </Badge>
      ) : null}
    </div>
  );
}

/** Who holds the item (live), and claim / release for an analyst. */
export function ClaimCell(props: { orgId: string; detection: TDetection; userId: string | null; now: number; canReview: boolean }) {
  const { detection: d, userId, now } = props;
  const claim = activeClaim(d, now);
  const mutate = useClaim(props.orgId);
  const mine = claim !== null && claim.userId === userId;
  const who = claim ? (mine ? 'You' : holderName(claim)) : null;
  return (
    <div className={styles.claim} data-testid="review-claim" data-claimed-by={claim?.email ?? ''} data-mine={mine ? 'true' : 'false'}>
      {claim ? (
        <span className={styles.holder} title={`${claim.name ?? ''} ${claim.email ?? ''} until ${new Date(claim.until).toLocaleString()}`}>
          <strong>{who}</strong>
          <span className="muted"> · {formatClock(claim.until)}</span>
        </span>
      ) : (
        <span className="muted">Free</span>
      )}
      {props.canReview && (!claim || mine) ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={mutate.isPending}
          onClick={() => mutate.mutate({ detection: d, hold: !mine })}
          data-testid={mine ? 'review-release' : 'review-claim-one'}
          aria-label={`${mine ? 'Release' : 'Claim'} order ${d.externalId}`}
        >
          {mine ? 'Release' : 'Claim'}
        </Button>
      ) : null}
    </div>
  );
}
