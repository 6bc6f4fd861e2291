'use client';

import { Badge } from '@/components/ui/badge';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { ActionsTd, Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useChangeRole, useRemoveMember } from '@/hooks/use-team';
import type { TOrgRole } from '@/lib/orgs/permissions';
import { assignableBy, roleSummary } from '@/lib/team/rules';
import type { TTeamMemberView } from '@/lib/team/team';
import { day } from './format';

/**
 * Why the viewer may not change or remove this member, or null when they may:
 * the rules of lib/team/rules.ts, read ahead so the controls say it before the
 * server has to.
 */
export function lockReason(options: { viewer: { userId: string; role: TOrgRole }; member: TTeamMemberView; ownerCount: number }): string | null {
  const { viewer, member, ownerCount } = options;
  if (member.userId === viewer.userId) return 'This is you: another admin or owner can change your role. To go, use Leave below.';
  if (member.role === 'owner' && viewer.role !== 'owner') return 'Only an owner can change or remove an owner.';
  if (member.role === 'owner' && ownerCount <= 1) return 'The last owner: make another member an owner first.';
  return null;
}

export function MembersTable({ orgId, members, viewer, canManage }: { orgId: string; members: TTeamMemberView[]; viewer: { userId: string; role: TOrgRole }; canManage: boolean }) {
  const changeRole = useChangeRole(orgId);
  const remove = useRemoveMember(orgId);
  const confirm = useInlineConfirm();
  const ownerCount = members.filter((m) => m.role === 'owner').length;
  const roles = assignableBy(viewer.role);

  return (
    <Table data-testid="members-table">
      <TableHead columns={['Name', 'E-mail', 'Role', 'Joined']} actions={canManage} />
      <TBody>
        {members.map((member) => {
          const locked = canManage ? lockReason({ viewer, member, ownerCount }) : null;
          const you = member.userId === viewer.userId;
          return (
            <Tr key={member.id} data-testid="member-row" data-email={member.email} data-role={member.role} data-member-id={member.id}>
              <Td>
                {member.name} {you ? <Badge>you</Badge> : null}
              </Td>
              <Td>{member.email}</Td>
              <Td>
                {canManage && !locked ? (
                  <select
                    className="select"
                    aria-label={`Role of ${member.email}`}
                    data-testid="member-role"
                    value={member.role}
                    title={roleSummary(member.role)}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ memberId: member.id, email: member.email, role: e.target.value as TOrgRole })}
                    style={{ width: 'auto' }}
                  >
                    {(roles.includes(member.role) ? roles : [...roles, member.role]).map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                ) : (
                  <Badge data-testid="member-role-readonly" title={roleSummary(member.role)}>
                    {member.role}
                  </Badge>
                )}
              </Td>
              <Td>{day(member.joinedAt)}</Td>
              {canManage ? (
                <ActionsTd>
                  {locked ? (
                    <span className="hint" data-testid="member-locked">
                      {locked}
                    </span>
                  ) : (
                    <ConfirmAction
                      {...confirm.row(member.id)}
                      verb="Remove"
                      pendingLabel="Removing…"
                      warning="They lose access at once."
                      pending={remove.isPending}
                      onConfirm={() => remove.mutate(member, { onSettled: confirm.done })}
                      testIds={{ ask: 'remove-member', confirm: 'confirm-remove-member' }}
                    />
                  )}
                </ActionsTd>
              ) : null}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
