import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/ui/copy-button';

const isLocal = (url: string) => /^https?:\/\/(localhost|127\.|\[::1\])/.test(url);

/** The URL to paste into Stripe, with a warning when Stripe could not reach it. */
export function EndpointUrl({ url }: { url: string }) {
  const t = useTranslations('stripe.endpoint');
  return (
    <div className="field">
      <span>{t('label')}</span>
      <div className="secret-row">
        <code data-testid="stripe-endpoint-url">{url}</code>
        <CopyButton text={url} testId="copy-stripe-endpoint-url" />
      </div>
      <span className="hint">
        {isLocal(url) ? t.rich('local', { code: (chunks) => <code>{chunks}</code> }) : t('paste')}
      </span>
    </div>
  );
}
