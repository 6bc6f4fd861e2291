'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { useDetection, useRefreshOnReview } from '@/hooks/use-detection';
import { ApiError } from '@/lib/api-client';
import { DetectionDetails } from './detection-details';
import styles from './detection.module.css';

/** /detections/:id – one detection on a page of its own: a link an analyst can share with a colleague. */
export function DetectionPageView({ id }: { id: string }) {
  const orgId = useOrgId();
  const detection = useDetection(orgId, id);
  useRefreshOnReview(orgId, id);

  let body;
  if (detection.data) body = <DetectionDetails orgId={orgId} detection={detection.data} />;
  else if (detection.isError) {
    const status = detection.error instanceof ApiError ? detection.error.status : 0;
    body = (
      <Alert testId="detection-error">
        {status === 404 || status === 400 ? detection.error.message : `Could not load this detection: ${detection.error.message}`}
      </Alert>
    );
  } else body = <div className="skeleton" aria-busy="true" />;

  return (
    <>
      <div className="page-header">
        <div>
          <p className="hint">
            <Link href="/dashboard">← Dashboard</Link>
          </p>
          <h1 className="mono" data-testid="detection-page-title">
            {detection.data ? `Order ${detection.data.externalId}` : 'Detection'}
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
