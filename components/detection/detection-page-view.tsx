'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { useDetection, useRefreshOnReview } from '@/hooks/use-detection';
import { useErrorText } from '@/hooks/use-error-text';
import { ApiError } from '@/lib/api-client';
import { DetectionDetails } from './detection-details';
import styles from './detection.module.css';

/** /detections/:id – one detection on a page of its own: a link an analyst can share with a colleague. */
export function DetectionPageView({ id }: { id: string }) {
  const t = useTranslations('detection.page');
  const errorText = useErrorText();
  const orgId = useOrgId();
  const detection = useDetection(orgId, id);
  useRefreshOnReview(orgId, id);

  let body;
  if (detection.data) body = <DetectionDetails orgId={orgId} detection={detection.data} />;
  else if (detection.isError) {
    const status = detection.error instanceof ApiError ? detection.error.status : 0;
    body = (
      <Alert testId="detection-error">
        {status === 404 ? t('notFound') : status === 400 ? errorText(detection.error) : t('loadFailed', { error: errorText(detection.error) })}
      </Alert>
    );
  } else body = <div className="skeleton" aria-busy="true" />;

  return (
    <>
      <div className="page-header">
        <div>
          <p className="hint">
            <Link href="/dashboard">{t('back')}</Link>
          </p>
          <h1 className="mono" data-testid="detection-page-title">
            {detection.data ? t.rich('title', { id: detection.data.externalId, v: (chunks) => <span translate="no">{chunks}</span> }) : t('fallbackTitle')}
          </h1>
        </div>
      </div>
      <Card className={styles.pageGrid}>
        <CardBody className={styles.pageGrid} data-testid="detection-page">
          {body}
        </CardBody>
      </Card>
    </>
  );
}
