'use client';

import { useTranslations } from 'next-intl';
import { DetectionCells, DetectionsHead } from '@/components/dashboard/detection-cells';
import { useReasonText } from '@/components/detection/reason-text';
import { Table, TBody, Td, Th, Tr } from '@/components/ui/table';
import type { TDetection } from '@/lib/detections/schema';
import { AgeCell, ClaimCell } from './claim-cell';
import { ReviewActions } from './review-actions';
import styles from './review.module.css';

function ShortReasons({ detection }: { detection: TDetection }) {
  const t = useTranslations('review.table');
  const reasonText = useReasonText();
  const [first, ...rest] = detection.reasons;
  if (!first) return <span className="muted">—</span>;
  // Every reason in the tooltip, one a line: the cell shows only the first.
  const all = detection.reasons.map((r) => `• ${reasonText(r)}`).join('\n');
  return (
    <div className={styles.reasons} title={all}>
      <span className={styles.reason}>{reasonText(first)}</span>
      {rest.length > 0 ? <span className={styles.more}>{t('more', { count: rest.length })}</span> : null}
    </div>
  );
}

export type TReviewTableProps = {
  orgId: string;
  detections: TDetection[];
  onOpen: (id: string) => void;
  canReview: boolean;
  userId: string | null;
  now: number;
  targetMinutes: number | undefined;
  activeId: string | null;
  onActivate: (id: string) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
};

export function ReviewTable(p: TReviewTableProps) {
  const t = useTranslations('review.table');
  return (
    <Table className={styles.queue} data-testid="review-table" aria-label={t('label')}>
      <DetectionsHead>
        <Th>{t('waiting')}</Th>
        <Th>{t('why')}</Th>
        {p.canReview ? (
          <Th>
            <span className="sr-only">{t('decision')}</span>
          </Th>
        ) : null}
      </DetectionsHead>
      <TBody>
        {p.detections.map((d) => (
          <Tr
            key={d.id}
            data-testid="review-row"
            data-external-id={d.externalId}
            data-detection-id={d.id}
            data-active={p.activeId === d.id ? 'true' : 'false'}
            aria-selected={p.selected.has(d.id)}
            className={p.activeId === d.id ? styles.active : undefined}
            onClick={() => p.onActivate(d.id)}
          >
            <DetectionCells
              detection={d}
              order={
                <span className={styles.orderCell}>
                  {p.canReview ? (
                    <input
                      type="checkbox"
                      checked={p.selected.has(d.id)}
                      onChange={() => p.onToggle(d.id)}
                      aria-label={t('select', { id: d.externalId })}
                      data-testid="review-select"
                    />
                  ) : null}
                  <button type="button" className={styles.order} onClick={() => p.onOpen(d.id)} title={t('details', { id: d.externalId })}>
                    <span translate="no">{d.externalId}</span>
                  </button>
                </span>
              }
            />
            <Td>
              <AgeCell detection={d} targetMinutes={p.targetMinutes} now={p.now} />
              <ClaimCell orgId={p.orgId} detection={d} userId={p.userId} now={p.now} canReview={p.canReview} />
            </Td>
            <Td>
              <ShortReasons detection={d} />
            </Td>
            {p.canReview ? (
              <Td>
                <ReviewActions orgId={p.orgId} detection={d} />
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
