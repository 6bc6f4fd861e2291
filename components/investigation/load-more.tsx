'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import type { TDetectionFilters } from '@/hooks/query-keys';
import type { TDetectionsPage } from '@/hooks/query-options';
import { hasOlder, useLoadOlder } from '@/hooks/use-load-older';
import styles from './investigation.module.css';

/** Under the table: the next older page of the same list, or a clear end. */
export function LoadMore({ orgId, filters, page }: { orgId: string; filters: TDetectionFilters; page: TDetectionsPage }) {
  const t = useTranslations('investigation.more');
  const load = useLoadOlder(orgId, filters);
  return (
    <div className={styles.more} data-testid="load-more-area">
      <span className="muted" aria-live="polite">
        {t('listed', { count: page.detections.length })}
      </span>
      {hasOlder(page) ? (
        <Button onClick={() => load.mutate()} disabled={load.isPending} data-testid="load-more">
          {load.isPending ? t('loading') : t('load')}
        </Button>
      ) : (
        <span className="muted" data-testid="no-older">
          {t('end')}
        </span>
      )}
    </div>
  );
}
