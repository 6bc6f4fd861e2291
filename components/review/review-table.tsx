'use client';

import { formatAmount, formatCard, formatTime, reasonsTooltip, RISK_COLOR } from '@/components/dashboard/format';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
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
  return (
    <Table data-testid="review-table" aria-label="Payments waiting for review, newest first">
      <THead>
        <Tr>
          <Th>Time</Th>
          <Th>Order</Th>
          <Th numeric>Amount</Th>
          <Th>Card</Th>
          <Th>IP / Email</Th>
          <Th numeric>Score</Th>
          <Th>Why</Th>
          <Th>
            <span className="sr-only">Decision</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {detections.map((d) => (
          <Tr key={d.id} data-testid="review-row" data-external-id={d.externalId} data-detection-id={d.id}>
            <Td className="mono" title={d.createdAt}>
              {formatTime(d.createdAt)}
            </Td>
            <Td className="mono">
              <button type="button" className={styles.order} onClick={() => onOpen(d.id)} title="Show details">
                {d.externalId}
              </button>
            </Td>
            <Td numeric>{formatAmount(d.amount, d.currency)}</Td>
            <Td className="mono">{formatCard(d.card)}</Td>
            <Td>
              <div className="mono">{d.ip ?? '—'}</div>
              <div className="muted">{d.email ?? ''}</div>
            </Td>
            <Td numeric>
              <strong style={{ color: RISK_COLOR[d.riskLevel] }}>{d.score}</strong>
            </Td>
            <Td>
              <ShortReasons detection={d} />
            </Td>
            <Td>
              <ReviewActions orgId={orgId} detection={d} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
