'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { CopyButton } from '@/components/ui/copy-button';
import { ActionsTd, Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useFormats } from '@/hooks/use-formats';
import { useInviteMember, useRevokeInvitation } from '@/hooks/use-team';
import type { TInvitationView } from '@/lib/team/team';

/** The link an invitation e-mail carries: this origin is the app's public one (BETTER_AUTH_URL). */
const linkOf = (id: string) => `${typeof window === 'undefined' ? '' : window.location.origin}/invitations/${encodeURIComponent(id)}`;

export function InvitationsTable({ orgId, invitations }: { orgId: string; invitations: TInvitationView[] }) {
  const t = useTranslations('team');
  const f = useFormats();
  const revoke = useRevokeInvitation(orgId);
  const invite = useInviteMember(orgId);
  const confirm = useInlineConfirm();

  return (
    <Table data-testid="invitations-table">
      <TableHead columns={[t('pending.columns.email'), t('pending.columns.role'), t('pending.columns.invitedBy'), t('pending.columns.expires')]} actions />
      <TBody>
        {invitations.map((inv) => (
          <Tr key={inv.id} data-testid="invitation-row" data-email={inv.email} data-invitation-id={inv.id}>
            <Td translate="no">{inv.email}</Td>
            <Td>
              <Badge>{t('role', { role: inv.role })}</Badge>
            </Td>
            <Td>{inv.invitedBy ? <span translate="no">{inv.invitedBy.email}</span> : t('pending.formerMember')}</Td>
            <Td>{inv.expired ? <Badge tone="block">{t('pending.expired', { when: f.dateTime(inv.expiresAt) })}</Badge> : f.dateTime(inv.expiresAt)}</Td>
            <ActionsTd>
              <span style={{ display: 'inline-flex', gap: 6 }}>
                {inv.expired ? null : <CopyButton text={linkOf(inv.id)} label={t('pending.copyLink')} testId="copy-invitation-link" />}
                {/* Resend keeps the invitation (and its link) and starts a new week; an expired one is invited anew. */}
                <Button size="sm" disabled={invite.isPending} onClick={() => invite.mutate({ email: inv.email, role: inv.role, resend: !inv.expired })} data-testid="resend-invitation">
                  {inv.expired ? t('pending.inviteAgain') : t('pending.resend')}
                </Button>
                <ConfirmAction
                  {...confirm.row(inv.id)}
                  verb={t('pending.revoke')}
                  pendingLabel={t('pending.revoking')}
                  warning={t('pending.revokeWarning')}
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
