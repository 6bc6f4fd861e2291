import { CopyButton } from '@/components/ui/copy-button';

const isLocal = (url: string) => /^https?:\/\/(localhost|127\.|\[::1\])/.test(url);

/** The URL to paste into Stripe, with a warning when Stripe could not reach it. */
export function EndpointUrl({ url }: { url: string }) {
  return (
    <div className="field">
      <span>Endpoint URL</span>
      <div className="secret-row">
        <code data-testid="stripe-endpoint-url">{url}</code>
        <CopyButton text={url} testId="copy-stripe-endpoint-url" />
      </div>
      <span className="hint">
        {isLocal(url)
          ? 'This address is local: Stripe’s servers cannot reach it. Set BETTER_AUTH_URL to Orylo’s public https address, or forward events with the Stripe CLI (stripe listen --forward-to <this URL>).'
          : 'Paste it as the endpoint URL in Stripe. It names this organization; only deliveries signed with its secret are accepted.'}
      </span>
    </div>
  );
}
