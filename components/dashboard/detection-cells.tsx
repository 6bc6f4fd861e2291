import type { ReactNode } from 'react';
import { Td, Th, THead, Tr } from '@/components/ui/table';
import type { TDetection } from '@/lib/detections/schema';
import { formatAmount, formatCard, formatTime, RISK_COLOR } from './format';

// The columns every table of detections starts with (the live table, the
// review queue), so a payment reads the same wherever it is listed.

/** The header: these columns, then the table's own (`children`). */
export function DetectionsHead({ children }: { children: ReactNode }) {
  return (
    <THead>
      <Tr>
        <Th>Time</Th>
        <Th>Order</Th>
        <Th numeric>Amount</Th>
        <Th>Card</Th>
        <Th>IP / Email</Th>
        <Th numeric>Score</Th>
        {children}
      </Tr>
    </THead>
  );
}

/** `order` replaces the plain order id, e.g. with a button that opens the detection. */
export function DetectionCells({ detection: d, order }: { detection: TDetection; order?: ReactNode }) {
  return (
    <>
      <Td className="mono" title={d.createdAt}>
        {formatTime(d.createdAt)}
      </Td>
      <Td className="mono">{order ?? d.externalId}</Td>
      <Td numeric>{formatAmount(d.amount, d.currency)}</Td>
      <Td className="mono">{formatCard(d.card)}</Td>
      <Td>
        <div className="mono">{d.ip ?? '—'}</div>
        <div className="muted">{d.email ?? ''}</div>
      </Td>
      <Td numeric>
        <strong style={{ color: RISK_COLOR[d.riskLevel] }}>{d.score}</strong>
      </Td>
    </>
  );
}
