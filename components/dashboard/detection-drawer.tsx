'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { DetectionDetails } from '@/components/detection/detection-details';
import { useOrgId } from '@/components/shell/org-context';
import { useRefreshOnReview } from '@/hooks/use-detection';
import type { TDetection } from '@/lib/detections/schema';

/**
 * One detection beside the table. Reads the live row the dashboard holds, so updates (a review here
 * or by a colleague, detection_updated) show at once; the content is the detection page's.
 */
export function DetectionDrawer({ detection, onClose }: { detection: TDetection; onClose: () => void }) {
  const t = useTranslations('detection.drawer');
  const orgId = useOrgId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useRefreshOnReview(orgId, detection.id);

  // Focus moves into the drawer when it opens and back to what opened it (the row) when it closes,
  // so a keyboard user goes on down the table from where they were.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <>
      <div className="drawer-backdrop" onClick={onClose} aria-hidden />
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby="drawer-title" data-testid="detection-drawer">
        <div className="drawer-head">
          <div>
            <p className="hint">{t('order')}</p>
            <h2 id="drawer-title" className="mono" translate="no">
              {detection.externalId}
            </h2>
            <Link href={`/detections/${detection.id}`} className="hint" data-testid="open-detection-page">
              {t('openPage')}
            </Link>
          </div>
          <Button ref={closeRef} variant="ghost" size="sm" onClick={onClose} aria-label={t('close')}>
            ✕
          </Button>
        </div>
        <DetectionDetails orgId={orgId} detection={detection} />
      </aside>
    </>
  );
}
