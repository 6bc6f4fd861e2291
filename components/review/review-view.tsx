'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import { DetectionDrawer } from '@/components/dashboard/detection-drawer';
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
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { useReviewQueue } from '@/hooks/use-review-queue';
import { useClaimNext, useCurrentUserId, useNow } from '@/hooks/use-team-queue';
import { BulkBar } from './bulk-bar';
import { ReviewTable } from './review-table';
import { useQueueKeys } from './use-queue-keys';
import styles from './review.module.css';

/** An incident an analyst may still be cleaning up after: open, or ended within a day. */
const RECENT_INCIDENT_MS = 24 * 3_600_000;

export function ReviewView() {
  const t = useTranslations('review');
  const f = useFormats();
  const errorText = useErrorText();
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
      ? { id: newest.id, label: t('incidentLabel', { time: f.time(newest.startedAt), open: newest.status === 'open' ? 'yes' : 'no' }) }
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
            {t('title')}
            {count !== undefined ? (
              <Badge tone={count > 0 ? 'review' : 'neutral'} className={styles.count}>
                {t.rich('pending', {
                  n: f.number(count),
                  num: (chunks) => (
                    <span data-testid="review-count" data-count={count}>
                      {chunks}
                    </span>
                  ),
                })}
              </Badge>
            ) : null}
          </h1>
          <p className="muted">
            {t('intro', { hasTarget: target ? 'yes' : 'no', target: target ?? 0 })}
          </p>
          {canReview ? (
            <p className={`muted ${styles.help}`} data-testid="review-shortcuts">
              {t('shortcuts')}
            </p>
          ) : (
            <RoleNote permission="review" cannot={t('cannot')} />
          )}
        </div>
        {canReview ? (
          <Button
            variant="primary"
            onClick={() => claimNext.mutate(undefined, { onSuccess: ({ detection }) => detection && setActiveId(detection.id) })}
            disabled={claimNext.isPending}
            data-testid="review-claim-next"
          >
            {claimNext.isPending ? t('claiming') : t('claimNext')}
          </Button>
        ) : null}
      </div>

      <Card>
        <CardHeader title={t('cardTitle')} description={t('cardDescription')} />
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
            <Alert>{t('loadFailed', { error: errorText(queue.error) })}</Alert>
            <Button size="sm" onClick={() => void queue.refetch()}>
              {t('tryAgain')}
            </Button>
          </CardBody>
        ) : rows.length === 0 ? (
          <CardBody>
            <p className="muted" data-testid="review-empty">
              {t('empty')}
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
                  {queue.isFetchingNextPage ? t('loading') : t('loadMore')}
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
