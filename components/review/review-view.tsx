'use client';

import { useCallback, useState } from 'react';
import { DetectionDrawer } from '@/components/dashboard/detection-drawer';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { queueRows } from '@/hooks/cache/review-queue';
import { useCan } from '@/hooks/use-permissions';
import { useReviewQueue } from '@/hooks/use-review-queue';
import { ReviewTable } from './review-table';
import styles from './review.module.css';

export function ReviewView() {
  const orgId = useOrgId();
  const queue = useReviewQueue(orgId);
  const canReview = useCan('review');
  const [openId, setOpenId] = useState<string | null>(null);
  const close = useCallback(() => setOpenId(null), []);

  const rows = queueRows(queue.data);
  const count = queue.data?.pages[0]?.count;
  const open = rows.find((d) => d.id === openId) ?? null;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>
            Review queue
            {count !== undefined ? (
              <Badge tone={count > 0 ? 'review' : 'neutral'} className={styles.count}>
                <span data-testid="review-count" data-count={count}>
                  {count.toLocaleString('en-US')}
                </span>{' '}
                pending
              </Badge>
            ) : null}
          </h1>
          <p className="muted">
            Payments scored REVIEW wait here for a person. Approve lets the order through (ALLOW), Block refuses it. Everyone in the
            organization sees your decision live.
          </p>
          {canReview ? null : <RoleNote permission="review" cannot="review payments" />}
        </div>
      </div>

      <Card>
        <CardHeader title="Waiting for a decision" description="Newest first. New payments to review appear here as they are scored." />
        {queue.isPending ? (
          <CardBody aria-busy="true" style={{ display: 'grid', gap: 10 }}>
            {[0, 1, 2].map((i) => (
              <div key={i} className="skeleton" />
            ))}
          </CardBody>
        ) : queue.isError ? (
          <CardBody style={{ display: 'grid', gap: 10, justifyItems: 'start' }}>
            <Alert>Could not load the review queue: {queue.error.message}</Alert>
            <Button size="sm" onClick={() => void queue.refetch()}>
              Try again
            </Button>
          </CardBody>
        ) : rows.length === 0 ? (
          <CardBody>
            <p className="muted" data-testid="review-empty">
              Nothing to review. Payments scored REVIEW will appear here as soon as they arrive.
            </p>
          </CardBody>
        ) : (
          <>
            <ReviewTable orgId={orgId} detections={rows} onOpen={setOpenId} />
            {queue.hasNextPage ? (
              <div className={styles.footer}>
                <Button size="sm" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage} data-testid="review-load-more">
                  {queue.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </Card>

      {open ? <DetectionDrawer detection={open} onClose={close} /> : null}
    </>
  );
}
