'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
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
  useRefreshOnReview(orgId, detection.id);

  // The shared dialog moves the focus to the close button, keeps Tab inside the drawer and, on close,
  // gives the focus back to what opened it (the row), so a keyboard user goes on down the table.
  return (
    <Dialog titleId="drawer-title" onClose={onClose} testId="detection-drawer">
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
        <Button data-autofocus variant="ghost" size="sm" onClick={onClose} aria-label={t('close')}>
          ✕
        </Button>
      </div>
      <DetectionDetails orgId={orgId} detection={detection} />
    </Dialog>
  );
}
