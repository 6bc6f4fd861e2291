'use client';

import { Button } from '@/components/ui/button';
import type { TDetectionFilters } from '@/hooks/query-keys';
import type { TDetectionsPage } from '@/hooks/query-options';
import { hasOlder, useLoadOlder } from '@/hooks/use-load-older';
import styles from './investigation.module.css';

/** Under the table: the next older page of the same list, or a clear end. */
export function LoadMore({ orgId, filters, page }: { orgId: string; filters: TDetectionFilters; page: TDetectionsPage }) {
  const load = useLoadOlder(orgId, filters);
  const count = page.detections.length.toLocaleString('en-US');
  return (
    <div className={styles.more} data-testid="load-more-area">
      <span className="muted" aria-live="polite">
        {count} listed
      </span>
      {hasOlder(page) ? (
        <Button onClick={() => load.mutate()} disabled={load.isPending} data-testid="load-more">
          {load.isPending ? 'Loading…' : 'Load more'}
        </Button>
      ) : (
        <span className="muted" data-testid="no-older">
          No older detections
        </span>
      )}
    </div>
  );
}
