'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useClaim } from '@/hooks/use-team-queue';
import { useFormats } from '@/hooks/use-formats';
import type { TDetection } from '@/lib/detections/schema';
import { activeClaim, ageOf, holderName, isOverTarget } from './queue-logic';
import styles from './review.module.css';

/** How long the payment has waited, flagged past the org's target. */
export function AgeCell({ detection, targetMinutes, now }: { detection: TDetection; targetMinutes: number | undefined; now: number }) {
  const t = useTranslations('review.age');
  const age = ageOf(now - Date.parse(detection.createdAt));
  const late = targetMinutes !== undefined && isOverTarget(detection.createdAt, targetMinutes, now);
  return (
    <div className={styles.age} data-testid="review-age" data-late={late ? 'true' : 'false'}>
      <span className="mono">{t(age.key, age.values)}</span>
      {late ? (
        <Badge tone="block" title={t('lateTitle', { target: targetMinutes })}>
          {t('late')}
        </Badge>
      ) : null}
    </div>
  );
}

/** Who holds the item (live), and claim / release for an analyst. */
export function ClaimCell(props: { orgId: string; detection: TDetection; userId: string | null; now: number; canReview: boolean }) {
  const { detection: d, userId, now } = props;
  const t = useTranslations('review.claim');
  const f = useFormats();
  const claim = activeClaim(d, now);
  const mutate = useClaim(props.orgId);
  const mine = claim !== null && claim.userId === userId;
  const who = claim ? (mine ? t('you') : (holderName(claim) ?? t('anotherAnalyst'))) : null;
  return (
    <div className={styles.claim} data-testid="review-claim" data-claimed-by={claim?.email ?? ''} data-mine={mine ? 'true' : 'false'}>
      {claim ? (
        <span className={styles.holder} title={t('holderTitle', { name: claim.name ?? '', email: claim.email ?? '', until: f.dateTime(claim.until) })}>
          {/* A teammate's name is data; "You" is ours. */}
          <strong translate={mine ? undefined : 'no'}>{who}</strong>
          <span className="muted"> · {f.time(claim.until)}</span>
        </span>
      ) : (
        <span className="muted">{t('free')}</span>
      )}
      {props.canReview && (!claim || mine) ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={mutate.isPending}
          onClick={() => mutate.mutate({ detection: d, hold: !mine })}
          data-testid={mine ? 'review-release' : 'review-claim-one'}
          aria-label={t(mine ? 'releaseLabel' : 'claimLabel', { id: d.externalId })}
        >
          {mine ? t('release') : t('claim')}
        </Button>
      ) : null}
    </div>
  );
}
