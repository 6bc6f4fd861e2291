import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/** A signing secret, once: after this box is dismissed nothing can show it again. */
export function WebhookSecretBox({ url, secret, note, onDismiss }: { url: string; secret: string; note?: string; onDismiss: () => void }) {
  return (
    <div className="secret-box" role="status" data-testid="webhook-secret-box">
      <div>
        <strong>Copy the signing secret of {url} now.</strong> <span>It won’t be shown again: Orylo keeps it sealed and only uses it to sign.</span>
      </div>
      <div className="secret-row">
        <code data-testid="webhook-secret">{secret}</code>
        <CopyButton text={secret} testId="copy-webhook-secret" />
      </div>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <span className="hint">{note ?? 'Verify each delivery’s Orylo-Signature header with it (the code below).'}</span>
        <span className="shell-spacer" />
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          I’ve saved it
        </Button>
      </div>
    </div>
  );
}
