'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { usePermissions } from '@/hooks/use-permissions';
import { can } from '@/lib/orgs/permissions';
import { useErrorText } from '@/hooks/use-error-text';
import { useTeam } from '@/hooks/use-team';
import { InvitationsTable } from './invitations-table';
import { InviteForm } from './invite-form';
import { LeaveCard } from './leave-card';
import { MembersTable } from './members-table';

export function TeamView() {
  const t = useTranslations('team');
  const errorText = useErrorText();
  const orgId = useOrgId();
  const pageRole = usePermissions().role;
  const team = useTeam(orgId);
  // The role the server answers with wins over the page's: it may have changed since the page loaded.
  const role = team.data?.you.role ?? pageRole;
  const canManage = can(role, 'team.manage');

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('subtitle')}</p>
        </div>
      </div>

      {canManage ? (
        <Card>
          <CardHeader title={t('invite.title')} description={t('invite.description')} />
          <CardBody>
            <InviteForm orgId={orgId} role={role} />
          </CardBody>
        </Card>
      ) : null}

      {canManage && team.data?.invitations && team.data.invitations.length > 0 ? (
        <Card>
          <CardHeader title={t('pending.title')} description={t('pending.description')} />
          <InvitationsTable orgId={orgId} invitations={team.data.invitations} />
        </Card>
      ) : null}

      <Card>
        <CardHeader title={t('members.title')} />
        {!canManage ? (
          <CardBody>
            <RoleNote permission="team.manage" cannot={t('members.cannot')} />
          </CardBody>
        ) : null}
        {team.isPending ? (
          <CardBody>
            <div className="skeleton" />
          </CardBody>
        ) : team.isError ? (
          <CardBody>
            <Alert>{t('members.loadFailed', { error: errorText(team.error) })}</Alert>
          </CardBody>
        ) : (
          <MembersTable orgId={orgId} members={team.data.members} viewer={team.data.you} canManage={canManage} />
        )}
      </Card>

      {team.data ? <LeaveCard orgId={orgId} lastOwner={role === 'owner' && team.data.members.filter((m) => m.role === 'owner').length <= 1} /> : null}
    </>
  );
}
