'use client';

import { DetectionCells, DetectionsHead } from '@/components/dashboard/detection-cells';
import { reasonsTooltip } from '@/components/dashboard/format';
import { Table, TBody, Td, Th, Tr } from '@/components/ui/table';
import { useCan } from '@/hooks/use-permissions';
import type { TDetection } from '@/lib/detections/schema';
import { ReviewActions } from './review-actions';
import styles from './review.module.css';

function ShortReasons({ detection }: { detection: TDetection }) {
  const [first, ...rest] = detection.reasons;
  if (!first) return <span className="muted">—</span>;
  return (
    <div className={styles.reasons} title={reasonsTooltip(detection)}>
      <span className={styles.reason}>{first.message}</span>
      {rest.length > 0 ? <span className={styles.more}>+{rest.length} more</span> : null}
    </div>
  );
}

export function ReviewTable({ orgId, detections, onOpen }: { orgId: string; detections: TDetection[]; onOpen: (id: string) => void }) {
  // Viewers get no decision column at all (the page says why).
  const canReview = useCan('review');
  return (
    <Table data-testid="review-table" aria-label="Payments waiting for review, newest first">
      <DetectionsHead>
        <Th>Why</Th>
        {canReview ? (
          <Th>
            <span className="sr-only">Decision</span>
          </Th>
        ) : null}
      </DetectionsHead>
      <TBody>
        {detections.map((d) => (
          <Tr key={d.id} data-testid="review-row" data-external-id={d.externalId} data-detection-id={d.id}>
            <DetectionCells
              detection={d}
              order={
                <button type="button" className={styles.order} onClick={() => onOpen(d.id)} title="Show details">
                  {d.externalId}
                </button>
              }
            />
            <Td>
              <ShortReasons detection={d} />
            </Td>
            {canReview ? (
              <Td>
                <ReviewActions orgId={orgId} detection={d} />
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
