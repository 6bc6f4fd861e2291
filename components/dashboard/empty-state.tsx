'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useSyncExternalStore, type ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { useCan } from '@/hooks/use-permissions';
import { recallApiKey } from './last-api-key';

const KEY_PLACEHOLDER = '<key>';
const SAMPLE_BODY =
  '{"externalId":"order_1","amount":4999,"currency":"EUR","email":"jane@example.com","ip":"203.0.113.7","card":{"fingerprint":"fp_demo","bin":"424242","last4":"4242"},"authStatus":"authorized"}';

export function curlCommand(origin: string, key: string): string {
  return [
    `curl -X POST ${origin}/api/v1/transactions`,
    `  -H "Authorization: Bearer ${key}"`,
    `  -H "Content-Type: application/json"`,
    `  -d '${SAMPLE_BODY}'`,
  ].join(' \\\n');
}

const noSubscribe = () => () => {};

/** Shown until the org's first detection: how to send one, ready to copy. */
export function EmptyState({ orgId }: { orgId: string }) {
  // Browser-only values; the server render uses the placeholders.
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => '$ORIGIN');
  const key = useSyncExternalStore(noSubscribe, () => recallApiKey(orgId), () => null);
  const command = curlCommand(origin, key ?? KEY_PLACEHOLDER);
  const canCreateKey = useCan('api-keys.manage');
  const t = useTranslations('dashboard.empty');
  const code = (chunks: ReactNode) => <code>{chunks}</code>;

  return (
    <div className="empty" data-testid="detections-empty">
      <svg className="empty-icon" width="40" height="40" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden>
        <path d="M4.9 19.1a10 10 0 0 1 0-14.2M19.1 4.9a10 10 0 0 1 0 14.2M7.8 16.2a6 6 0 0 1 0-8.4M16.2 7.8a6 6 0 0 1 0 8.4" />
        <circle cx="12" cy="12" r="2" />
      </svg>
      <h2>{t('title')}</h2>
      <p className="muted" style={{ maxWidth: 560 }}>
        {t('intro')}
      </p>
      <ol className="muted" style={{ textAlign: 'left', margin: 0, paddingLeft: 20 }}>
        <li>
          {key
            ? t('keyFilled')
            : !canCreateKey
              ? t.rich('askKey', { placeholder: KEY_PLACEHOLDER, code })
              : t.rich('createKey', { placeholder: KEY_PLACEHOLDER, code, link: (chunks) => <Link href="/settings/api-keys">{chunks}</Link> })}
        </li>
        <li>{t('run')}</li>
        <li>{t('keepOpen')}</li>
      </ol>
      <div className="codeblock">
        <pre data-testid="curl-command">{command}</pre>
        <CopyButton text={command} testId="copy-curl" />
      </div>
    </div>
  );
}
