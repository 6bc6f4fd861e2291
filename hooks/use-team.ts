'use client';

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TOrgRole } from '@/lib/orgs/permissions';
import type { TInvitationView, TTeamMemberView } from '@/lib/team/team';
import { teamKeys } from './query-keys';
import { useRefresh } from './use-refresh';

// The team page's data (GET /api/v1/team) and its changes, which go through
// Better Auth's organization endpoints, where Orylo's rules are enforced
// (lib/auth/team-hooks.ts). Every change refreshes the whole team.

export type TTeamData = { members: TTeamMemberView[]; invitations: TInvitationView[] | null; you: { userId: string; role: TOrgRole } };

export function teamQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: teamKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<TTeamData>('/api/v1/team', { signal }),
    // Someone else may accept an invitation or change the team meanwhile.
    refetchInterval: 30_000,
  });
}

export function useTeam(orgId: string) {
  return useQuery(teamQueryOptions(orgId));
}

/** POST to one of Better Auth's organization endpoints; its message (or Orylo's rule's) on failure. */
async function authPost<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/auth/organization/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new Error('Could not reach the server. Check your connection and try again.');
  }
  const json = (await res.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
  if (!res.ok) throw new Error(json?.error?.message ?? json?.message ?? `Request failed (${res.status})`);
  return json as T;
}

type TTeamToasts = ReturnType<typeof useTranslations<'team.toasts'>>;

/** Better Auth's reason, as a toast's detail: its sentences are English, so a French reader gets the toast's title alone. */
function useDetail() {
  const locale = useLocale();
  return (error: Error) => (locale === 'en' ? { description: error.message } : undefined);
}

function useTeamMutation<TInput>(orgId: string, options: { run: (input: TInput) => Promise<unknown>; success: (t: TTeamToasts, input: TInput) => string; failure: (t: TTeamToasts) => string }) {
  const t = useTranslations('team.toasts');
  const detail = useDetail();
  const refresh = useRefresh(teamKeys.all(orgId));
  return useMutation({
    mutationFn: options.run,
    onSuccess: (_data, input) => {
      toast.success(options.success(t, input));
    },
    onError: (error) => toast.error(options.failure(t), detail(error)),
    onSettled: refresh,
  });
}

export function useInviteMember(orgId: string) {
  return useTeamMutation(orgId, {
    run: (input: { email: string; role: TOrgRole; resend?: boolean }) => authPost('invite-member', { ...input, organizationId: orgId }),
    success: (t, input) => (input.resend ? t('invitedAgain', { email: input.email }) : t('invited', { email: input.email })),
    failure: (t) => t('inviteFailed'),
  });
}

export function useRevokeInvitation(orgId: string) {
  return useTeamMutation(orgId, {
    run: (invitation: { id: string; email: string }) => authPost('cancel-invitation', { invitationId: invitation.id }),
    success: (t, invitation) => t('revoked', { email: invitation.email }),
    failure: (t) => t('revokeFailed'),
  });
}

export function useChangeRole(orgId: string) {
  return useTeamMutation(orgId, {
    run: (input: { memberId: string; email: string; role: TOrgRole }) => authPost('update-member-role', { memberId: input.memberId, role: input.role, organizationId: orgId }),
    success: (t, input) => t('roleChanged', { email: input.email, role: input.role }),
    failure: (t) => t('roleFailed'),
  });
}

export function useRemoveMember(orgId: string) {
  return useTeamMutation(orgId, {
    run: (member: { id: string; email: string }) => authPost('remove-member', { memberIdOrEmail: member.id, organizationId: orgId }),
    success: (t, member) => t('removed', { email: member.email }),
    failure: (t) => t('removeFailed'),
  });
}

/** Leave the organization yourself; the caller takes the person elsewhere (they no longer belong here). */
export function useLeaveOrganization(orgId: string) {
  const t = useTranslations('team.toasts');
  const detail = useDetail();
  return useMutation({
    mutationFn: () => authPost('leave', { organizationId: orgId }),
    onSuccess: () => {
      toast.success(t('left'));
    },
    onError: (error) => toast.error(t('leaveFailed'), detail(error)),
  });
}
