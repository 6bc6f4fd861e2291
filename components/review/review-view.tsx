'use client';

import { useCallback, useMemo, useState } from 'react';
import { DetectionDrawer } from '@/components/dashboard/detection-drawer';
import { formatClock } from '@/components/dashboard/format';
import { useThresholds } from '@/components/rules/use-thresholds';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { queueRows } from '@/hooks/cache/review-queue';
import { useAttacks } from '@/hooks/use-attacks';
import { useCan } from '@/hooks/use-permissions';
import { useReviewQueue } from '@/hooks/use-review-queue';
import { useClaimNext, useCurrentUserId, useNow } from '@/hooks/use-team-queue';
import { BulkBar } from './bulk-bar';
import { ReviewTable } from './review-table';
import { SHORTCUTS, useQueueKeys } from './use-queue-keys';
import styles from './review.module.css';

/** An incident an analyst may still be cleaning up after: open, or ended within a day. */
const RECENT_INCIDENT_MS = 24 * 3_600_000;

export function ReviewView() {
  const orgId = useOrgId();
  const queue = useReviewQueue(orgId);
  const canReview = useCan('review');
  const userId = useCurrentUserId();
  const now = useNow();
  const target = useThresholds(orgId).data?.reviewTargetMinutes;
  const newest = useAttacks(orgId).data?.[0];
  const claimNext = useClaimNext(orgId);
  const [openId, setOpenId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const close = useCallback(() => setOpenId(null), []);

  const rows = queueRows(queue.data);
  const count = queue.data?.pages[0]?.count;
  const open = rows.find((d) => d.id === openId) ?? null;
  const active = rows.find((d) => d.id === activeId) ?? null;
  // Rows that left the queue (reviewed here or elsewhere) leave the selection too.
  const chosen = useMemo(() => rows.filter((d) => selected.has(d.id)).map((d) => d.id), [rows, selected]);
  const incident =
    newest && (newest.status === 'open' || (newest.endedAt && now - Date.parse(newest.endedAt) < RECENT_INCIDENT_MS))
      ? { id: newest.id, label: `started ${formatClock(newest.startedAt)}${newest.status === 'open' ? ' (open)' : ''}` }
      : null;

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const clickIn = (id: string | null, testId: string) =>
    (document.querySelector(`[data-detection-id="${id}"] [data-testid="${testId}"]`) as HTMLButtonElement | null)?.click();

  useQueueKeys(canReview && rows.length > 0, {
    move: (delta) => {
      const i = rows.findIndex((d) => d.id === activeId);
      const next = rows[Math.min(rows.length - 1, Math.max(0, i === -1 ? 0 : i + delta))];
      setActiveId(next.id);
      document.querySelector(`[data-detection-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
    },
    approve: () => clickIn(activeId, 'review-approve'),
    block: () => clickIn(activeId, 'review-block'),
    toggle: () => activeId && toggle(activeId),
    claimNext: () => claimNext.mutate(undefined, { onSuccess: ({ detection }) => detection && setActiveId(detection.id) }),
  });

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
            Payments scored REVIEW wait here for a person{target ? `, to be decided within ${target} min` : ''}. Approve lets the order through (ALLOW), Block
            refuses it. Claim an item so that nobody else works on it for 10 minutes; everyone sees who holds what, live.
          </p>
          {canReview ? (
            <p className={`muted ${styles.help}`} data-testid="review-shortcuts">
              Keys: {SHORTCUTS}
            </p>
          ) : (
            <RoleNote permission="review" cannot="review payments" />
          )}
        </div>
        {canReview ? (
          <Button
            variant="primary"
            onClick={() => claimNext.mutate(undefined, { onSuccess: ({ detection }) => detection && setActiveId(detection.id) })}
            disabled={claimNext.isPending}
            data-testid="review-claim-next"
          >
            {claimNext.isPending ? 'Claiming…' : 'Claim next (n)'}
          </Button>
        ) : null}
      </div>

      <Card>
        <CardHeader title="Waiting for a decision" description="Newest first. New payments to review appear here as they are scored." />
        {canReview && rows.length > 0 ? (
          <BulkBar
            orgId={orgId}
            selected={chosen}
            onClear={() => setSelected(new Set())}
            onSelectAll={() => setSelected(new Set(rows.map((d) => d.id)))}
            ip={active?.ip ?? null}
            attack={incident}
          />
        ) : null}
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
            <ReviewTable
              orgId={orgId}
              detections={rows}
              onOpen={setOpenId}
              canReview={canReview}
              userId={userId}
              now={now}
              targetMinutes={target}
              activeId={activeId}
              onActivate={setActiveId}
              selected={selected}
              onToggle={toggle}
            />
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
