'use client';

import { useRef, type KeyboardEvent } from 'react';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TDetection } from '@/lib/detections/schema';
import { DecisionBadge } from './decision-badge';
import { RISK_COLOR, formatAmount, formatCard, formatTime, reasonsTooltip } from './format';

type TProps = {
  detections: TDetection[];
  selectedId: string | null;
  onSelect: (id: string) => void;
};

export function DetectionsTable({ detections, selectedId, onSelect }: TProps) {
  // Rows present at first render are history; later ones arrived live and flash once.
  const initialIds = useRef<Set<string> | null>(null);
  initialIds.current ??= new Set(detections.map((d) => d.id));

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    }
  };

  return (
    <Table data-testid="detections-table" aria-label="Latest detections, newest first">
      <THead>
        <Tr>
          <Th>Time</Th>
          <Th>Order</Th>
          <Th numeric>Amount</Th>
          <Th>Card</Th>
          <Th>IP / Email</Th>
          <Th numeric>Score</Th>
          <Th>Decision</Th>
        </Tr>
      </THead>
      <TBody>
        {detections.map((d) => {
          const classes = [
            'row-clickable',
            d.id === selectedId && 'row-selected',
            !initialIds.current?.has(d.id) && 'row-new',
          ];
          return (
            <Tr
              key={d.id}
              className={classes.filter(Boolean).join(' ')}
              data-testid="detection-row"
              data-external-id={d.externalId}
              data-decision={d.decision}
              title={reasonsTooltip(d)}
              tabIndex={0}
              aria-selected={d.id === selectedId}
              onClick={() => onSelect(d.id)}
              onKeyDown={(event) => onKeyDown(event, d.id)}
            >
              <Td className="mono" title={d.createdAt}>
                {formatTime(d.createdAt)}
              </Td>
              <Td className="mono">{d.externalId}</Td>
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
                <DecisionBadge decision={d.decision} />
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
