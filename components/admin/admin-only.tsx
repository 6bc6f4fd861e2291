import { Card, CardBody } from '@/components/ui/card';

/** What a signed-in user who is not a platform admin sees on /admin. */
export function AdminOnly() {
  return (
    <Card data-testid="admin-forbidden">
      <CardBody style={{ display: 'grid', gap: 8 }}>
        <h1>Only platform admins can see this page</h1>
        <p className="muted">
          Platform admins are the users whose email is listed in <code>ADMIN_EMAILS</code> on the server. Ask one of them if you need
          these figures.
        </p>
      </CardBody>
    </Card>
  );
}
