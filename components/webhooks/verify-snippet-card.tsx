'use client';

import { useTranslations } from 'next-intl';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { VERIFY_SNIPPET } from '@/lib/webhooks/verify-snippet';

/** The verification code merchants copy: the very text the test suite runs against real deliveries. */
export function VerifySnippetCard() {
  const t = useTranslations('webhooks.verify');
  return (
    <Card>
      <CardHeader
        title={t('title')}
        description={t.rich('description', { code: (chunks) => <code>{chunks}</code> })}
        actions={<CopyButton text={VERIFY_SNIPPET} label={t('copy')} testId="copy-verify-snippet" />}
      />
      <CardBody>
        <pre className="mono" style={{ overflowX: 'auto', fontSize: 12.5, margin: 0 }} data-testid="verify-snippet">
          {VERIFY_SNIPPET}
        </pre>
      </CardBody>
    </Card>
  );
}
