'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import type { TCreatedApiKey } from '@/hooks/query-options';

/** The secret, once. Nothing can show it again after this box is dismissed. */
export function NewKeyBox({ created, onDismiss }: { created: TCreatedApiKey; onDismiss: () => void }) {
  const t = useTranslations('apiKeys.created');
  return (
    <div className="secret-box" role="status" data-testid="api-key-created">
      <div>
        <strong>{t.rich('copyNow', { name: created.name, keyName: (chunks) => <span translate="no">{chunks}</span> })}</strong>{' '}
        <span>{t('once')}</span>
      </div>
      <div className="secret-row">
        <code data-testid="api-key-secret">{created.key}</code>
        <CopyButton text={created.key} testId="copy-api-key" />
      </div>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <span className="hint">
          {t.rich('usage', { code: (chunks) => <code>{chunks}</code>, link: (chunks) => <Link href="/dashboard">{chunks}</Link> })}
        </span>
        <span className="shell-spacer" />
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          {t('saved')}
        </Button>
      </div>
    </div>
  );
}
