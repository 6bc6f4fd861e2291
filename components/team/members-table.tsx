'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { ActionsTd, Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useFormats } from '@/hooks/use-formats';
import { useChangeRole, useRemoveMember } from '@/hooks/use-team';
import type { TOrgRole } from '@/lib/orgs/permissions';
import { assignableBy } from '@/lib/team/rules';
import type { TTeamMemberView } from '@/lib/team/team';
import { useRoleSummary } from './use-role-summary';

/**
 * Why the viewer may not change or remove this member, or null when they may:
 * the rules of lib/team/rules.ts, read ahead so the controls say it before the
 * server has to.
 */
export function lockReason(options: { viewer: { userId: string; role: TOrgRole }; member: TTeamMemberView; ownerCount: number }): 'self' | 'ownerOnly' | 'lastOwner' | null {
  const { viewer, member, ownerCount } = options;
  if (member.userId === viewer.userId) return 'self';
  if (member.role === 'owner' && viewer.role !== 'owner') return 'ownerOnly';
  if (member.role === 'owner' && ownerCount <= 1) return 'lastOwner';
  return null;
}

export function MembersTable({ orgId, members, viewer, canManage }: { orgId: string; members: TTeamMemberView[]; viewer: { userId: string; role: TOrgRole }; canManage: boolean }) {
  const t = useTranslations('team');
  const f = useFormats();
  const roleSummary = useRoleSummary();
  const changeRole = useChangeRole(orgId);
  const remove = useRemoveMember(orgId);
  const confirm = useInlineConfirm();
  const ownerCount = members.filter((m) => m.role === 'owner').length;
  const roles = assignableBy(viewer.role);

  return (
    <Table data-testid="members-table">
      <TableHead columns={[t('members.columns.name'), t('members.columns.email'), t('members.columns.role'), t('members.columns.joined')]} actions={canManage} />
      <TBody>
        {members.map((member) => {
          const locked = canManage ? lockReason({ viewer, member, ownerCount }) : null;
          const you = member.userId === viewer.userId;
          return (
            <Tr key={member.id} data-testid="member-row" data-email={member.email} data-role={member.role} data-member-id={member.id}>
              <Td>
                <span translate="no">{member.name}</span> {you ? <Badge>{t('members.you')}</Badge> : null}
              </Td>
              <Td translate="no">{member.email}</Td>
              <Td>
                {canManage && !locked ? (
                  <select
                    className="select"
                    aria-label={t('members.roleOf', { email: member.email })}
                    data-testid="member-role"
                    value={member.role}
                    title={roleSummary(member.role)}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ memberId: member.id, email: member.email, role: e.target.value as TOrgRole })}
                    style={{ width: 'auto' }}
                  >
                    {(roles.includes(member.role) ? roles : [...roles, member.role]).map((r) => (
                      <option key={r} value={r}>
                        {t('role', { role: r })}
                      </option>
                    ))}
                  </select>
                ) : (
                  <Badge data-testid="member-role-readonly" title={roleSummary(member.role)}>
                    {t('role', { role: member.role })}
                  </Badge>
                )}
              </Td>
              <Td>{f.dateTime(member.joinedAt)}</Td>
              {canManage ? (
                <ActionsTd>
                  {locked ? (
                    <span className="hint" data-testid="member-locked">
                      {t(`members.locked.${locked}`)}
                    </span>
                  ) : (
                    <ConfirmAction
                      {...confirm.row(member.id)}
                      verb={t('members.remove')}
                      pendingLabel={t('members.removing')}
                      warning={t('members.removeWarning')}
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
