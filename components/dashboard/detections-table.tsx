'use client';

import { defaultRangeExtractor, useWindowVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { useTranslations } from 'next-intl';
import { memo, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Table, Td, Th } from '@/components/ui/table';
import type { TDetection } from '@/lib/detections/schema';
import { DecisionBadge } from './decision-badge';
import { DetectionCells, DetectionsHead } from './detection-cells';
import { useReasonsTooltip } from './use-reasons-tooltip';

// The live table. Under attack rows arrive several times a second, so:
// - only the rows near the viewport are in the DOM (TanStack Virtual on the
//   window's scroll: the page keeps one scrollbar), with spacer rows above
//   and below so the table keeps its height;
// - each row's cells are memoised on its detection object, which the cache
//   replaces only when that detection changes: a batch renders the new rows'
//   cells; the other rows on screen only update their position attributes.

const COLUMNS = 7;
/** A row with its two-line IP / email cell; measured rows correct it. */
const ROW_ESTIMATE_PX = 53;
/** Rows rendered beyond the viewport on each side: scrolling never shows a blank. */
const OVERSCAN = 12;
/** Rows kept in the DOM while the table is below the fold (the war room above it): the ones a scroll reaches first. */
const BELOW_FOLD_ROWS = 5;
/** How long a row that arrived live keeps its arrival highlight (the CSS flash lasts 2.5 s). */
const NEW_FOR_MS = 3_000;
/**
 * Rows arriving together beyond this many are not highlighted: under attack
 * every row is new, a table that flashes all over says nothing, and each
 * flash is an animation per cell that repaints the page every frame.
 */
const FLASH_MAX_ROWS = 3;

type TProps = {
  detections: TDetection[];
  selectedId: string | null;
  onSelect: (id: string) => void;
};

type TRowProps = {
  detection: TDetection;
  index: number;
  selected: boolean;
  isNew: boolean;
  onSelect: (id: string) => void;
  measure: (node: Element | null) => void;
};

/** The cells, rendered again only when the detection itself changed. */
const RowCells = memo(function RowCells({ detection }: { detection: TDetection }) {
  return (
    <>
      <DetectionCells detection={detection} />
      <Td data-cell="decision">
        <DecisionBadge decision={detection.decision} />
      </Td>
    </>
  );
});

const DetectionRow = memo(function DetectionRow({ detection: d, index, selected, isNew, onSelect, measure }: TRowProps) {
  const reasonsTooltip = useReasonsTooltip();
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(d.id);
    }
  };
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      className={['row-clickable', selected && 'row-selected', isNew && 'row-new'].filter(Boolean).join(' ')}
      data-testid="detection-row"
      data-external-id={d.externalId}
      data-decision={d.decision}
      title={reasonsTooltip(d)}
      tabIndex={0}
      aria-selected={selected}
      onClick={() => onSelect(d.id)}
      onKeyDown={onKeyDown}
    >
      <RowCells detection={d} />
    </tr>
  );
});

function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}

/** Where the table's body starts on the page: the war room, the counters and the chart above it move it. */
function useOffsetTop(ref: RefObject<HTMLElement | null>): number {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current ? ref.current.getBoundingClientRect().top + window.scrollY : 0;
      setOffset((old) => (Math.abs(old - top) < 1 ? old : top));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return offset;
}

/**
 * When each row was first listed (0: never highlighted): a row that arrived
 * live is highlighted once, not each time it scrolls back into view.
 */
function useFirstSeen(detections: TDetection[]): (id: string) => boolean {
  const seen = useRef<Map<string, number> | null>(null);
  const now = Date.now();
  if (seen.current === null) seen.current = new Map(detections.map((d) => [d.id, 0]));
  const arrived = detections.filter((d) => !seen.current!.has(d.id));
  for (const d of arrived) seen.current.set(d.id, arrived.length > FLASH_MAX_ROWS ? 0 : now);
  // Bounded by the live list: forget rows that left it.
  if (seen.current.size > detections.length * 2) {
    const listed = new Set(detections.map((d) => d.id));
    for (const id of seen.current.keys()) if (!listed.has(id)) seen.current.delete(id);
  }
  return (id) => now - (seen.current!.get(id) ?? 0) < NEW_FOR_MS;
}

/**
 * A row's height from the ResizeObserver's entry, which arrives after layout.
 * The library's default reads offsetHeight when a row mounts, which forces a
 * layout in the middle of every commit; until the entry comes, keep the size known.
 */
const measureRow = (element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<Window, Element>): number =>
  entry?.borderBoxSize?.[0]?.blockSize ?? instance.measurementsCache[Number(element.getAttribute('data-index'))]?.size ?? ROW_ESTIMATE_PX;

/**
 * While the whole table is below the viewport the library's range is its first
 * row plus the overscan: under attack that is a dozen rows mounted and as many
 * dropped four times a second, unseen. Keep the first few instead; scrolling
 * towards the table widens the range again.
 */
const rangeOf = (range: Range): number[] =>
  range.endIndex === 0 && range.count > 0 ? Array.from({ length: Math.min(range.count, BELOW_FOLD_ROWS) }, (_, i) => i) : defaultRangeExtractor(range);

export function DetectionsTable({ detections, selectedId, onSelect }: TProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const scrollMargin = useOffsetTop(bodyRef);
  const isNew = useFirstSeen(detections);
  const virtualizer = useWindowVirtualizer({
    count: detections.length,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: OVERSCAN,
    scrollMargin,
    getItemKey: (index) => detections[index].id,
    measureElement: measureRow,
    rangeExtractor: rangeOf,
  });
  const t = useTranslations('dashboard.table');
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0].start - scrollMargin : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1].end - scrollMargin) : 0;

  return (
    <Table data-testid="detections-table" data-row-count={detections.length} aria-rowcount={detections.length + 1} aria-label={t('label')}>
      <DetectionsHead>
        <Th data-cell="decision">{t('decision')}</Th>
      </DetectionsHead>
      <tbody ref={bodyRef}>
        <Spacer height={before} />
        {items.map((item) => {
          const d = detections[item.index];
          return (
            <DetectionRow
              key={d.id}
              detection={d}
              index={item.index}
              selected={d.id === selectedId}
              isNew={isNew(d.id)}
              onSelect={onSelect}
              measure={virtualizer.measureElement}
            />
          );
        })}
        <Spacer height={after} />
      </tbody>
    </Table>
  );
}
