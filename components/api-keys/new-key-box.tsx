import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import type { TCreatedApiKey } from '@/hooks/query-options';

/** The secret, once. Nothing can show it again after this box is dismissed. */
export function NewKeyBox({ created, onDismiss }: { created: TCreatedApiKey; onDismiss: () => void }) {
  return (
    <div className="secret-box" role="status" data-testid="api-key-created">
      <div>
        <strong>Copy your new key “{created.name}” now.</strong>{' '}
        <span>It won’t be shown again: Orylo stores only a hash of it.</span>
      </div>
      <div className="secret-row">
        <code data-testid="api-key-secret">{created.key}</code>
        <CopyButton text={created.key} testId="copy-api-key" />
      </div>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <span className="hint">
          Send it as <code>Authorization: Bearer …</code> to <code>POST /api/v1/transactions</code>. The{' '}
          <Link href="/dashboard">dashboard</Link> shows a ready-to-run command while it is empty.
        </span>
        <span className="shell-spacer" />
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          I’ve saved it
        </Button>
      </div>
    </div>
  );
}
