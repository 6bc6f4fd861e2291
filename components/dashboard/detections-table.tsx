'use client';

import { useRef, type KeyboardEvent } from 'react';
import { Table, TBody, Td, Th, Tr } from '@/components/ui/table';
import type { TDetection } from '@/lib/detections/schema';
import { DecisionBadge } from './decision-badge';
import { DetectionCells, DetectionsHead } from './detection-cells';
import { reasonsTooltip } from './format';

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
      <DetectionsHead>
        <Th>Decision</Th>
      </DetectionsHead>
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
              <DetectionCells detection={d} />
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
