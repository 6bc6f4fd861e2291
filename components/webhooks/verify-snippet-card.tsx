import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { VERIFY_SNIPPET } from '@/lib/webhooks/verify-snippet';

/** The verification code merchants copy: the very text the test suite runs against real deliveries. */
export function VerifySnippetCard() {
  return (
    <Card>
      <CardHeader
        title="Verify the signature (Node.js)"
        description={
          <>
            Each delivery is a <code>POST</code> of <code>{'{ id, type, createdAt, data }'}</code> with <code>Orylo-Event-Id</code> (the same on every retry: use it to
            ignore duplicates) and <code>Orylo-Signature: t=…,v1=…</code>. Answer any 2xx within 10 s; anything else is retried with growing delays for about 20 h.
          </>
        }
        actions={<CopyButton text={VERIFY_SNIPPET} label="Copy code" testId="copy-verify-snippet" />}
      />
      <CardBody>
        <pre className="mono" style={{ overflowX: 'auto', fontSize: 12.5, margin: 0 }} data-testid="verify-snippet">
          {VERIFY_SNIPPET}
        </pre>
      </CardBody>
    </Card>
  );
}
