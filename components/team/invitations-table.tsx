'use client';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { CopyButton } from '@/components/ui/copy-button';
import { ActionsTd, Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useInviteMember, useRevokeInvitation } from '@/hooks/use-team';
import type { TInvitationView } from '@/lib/team/team';
import { when } from './format';

/** The link an invitation e-mail carries: this origin is the app's public one (BETTER_AUTH_URL). */
const linkOf = (id: string) => `${typeof window === 'undefined' ? '' : window.location.origin}/invitations/${encodeURIComponent(id)}`;

export function InvitationsTable({ orgId, invitations }: { orgId: string; invitations: TInvitationView[] }) {
  const revoke = useRevokeInvitation(orgId);
  const invite = useInviteMember(orgId);
  const confirm = useInlineConfirm();

  return (
    <Table data-testid="invitations-table">
      <TableHead columns={['E-mail', 'Role', 'Invited by', 'Expires']} actions />
      <TBody>
        {invitations.map((inv) => (
          <Tr key={inv.id} data-testid="invitation-row" data-email={inv.email} data-invitation-id={inv.id}>
            <Td>{inv.email}</Td>
            <Td>
              <Badge>{inv.role}</Badge>
            </Td>
            <Td>{inv.invitedBy ? inv.invitedBy.email : 'A former member'}</Td>
            <Td>{inv.expired ? <Badge tone="block">Expired {when(inv.expiresAt)}</Badge> : when(inv.expiresAt)}</Td>
            <ActionsTd>
              <span style={{ display: 'inline-flex', gap: 6 }}>
                {inv.expired ? null : <CopyButton text={linkOf(inv.id)} label="Copy link" testId="copy-invitation-link" />}
                {/* Resend keeps the invitation (and its link) and starts a new week; an expired one is invited anew. */}
                <Button size="sm" disabled={invite.isPending} onClick={() => invite.mutate({ email: inv.email, role: inv.role, resend: !inv.expired })} data-testid="resend-invitation">
                  {inv.expired ? 'Invite again' : 'Resend'}
                </Button>
                <ConfirmAction
                  {...confirm.row(inv.id)}
                  verb="Revoke"
                  pendingLabel="Revoking…"
                  warning="The link stops working."
                  pending={revoke.isPending}
                  onConfirm={() => revoke.mutate(inv, { onSettled: confirm.done })}
                  testIds={{ ask: 'revoke-invitation', confirm: 'confirm-revoke-invitation' }}
                />
              </span>
            </ActionsTd>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
