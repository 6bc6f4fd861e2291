'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/** A signing secret, once: after this box is dismissed nothing can show it again. */
export function WebhookSecretBox({ url, secret, note, onDismiss }: { url: string; secret: string; note?: string; onDismiss: () => void }) {
  const t = useTranslations('webhooks.secret');
  return (
    <div className="secret-box" role="status" data-testid="webhook-secret-box">
      <div>
        <strong>{t.rich('copyNow', { url, address: (chunks) => <span translate="no">{chunks}</span> })}</strong> <span>{t('once')}</span>
      </div>
      <div className="secret-row">
        <code data-testid="webhook-secret">{secret}</code>
        <CopyButton text={secret} testId="copy-webhook-secret" />
      </div>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <span className="hint">{note ?? t('verify')}</span>
        <span className="shell-spacer" />
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          {t('saved')}
        </Button>
      </div>
    </div>
  );
}
