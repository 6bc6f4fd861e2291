'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { ConnectionIndicator } from '@/components/dashboard/connection-indicator';
import { LanguageSwitcher } from './language-switcher';
import { NotificationsMenu } from '@/components/notifications/notifications-menu';
import { WarRoomBanner } from '@/components/war-room/war-room-banner';
import { orgKeys } from '@/hooks/query-keys';
import { useRealtimeDetections } from '@/hooks/realtime/use-realtime-detections';
import { PermissionsProvider } from '@/hooks/use-permissions';
import { authClient } from '@/lib/auth/client';
import type { TOrgRole } from '@/lib/orgs/permissions';
import { Nav } from './nav';
import { OrgProvider } from './org-context';
import { OrgSwitcher } from './org-switcher';
import { RealtimeStatusProvider } from './realtime-status';
import { SignOutButton } from './sign-out-button';

type TProps = { orgId: string; role: TOrgRole; email: string; isAdmin?: boolean; children: ReactNode };

export function AppShell({ orgId, role, email, isAdmin = false, children }: TProps) {
  const router = useRouter();
  const t = useTranslations('shell');
  const queryClient = useQueryClient();
  // One stream per tab, on every signed-in page: the indicator and toasts
  // stay truthful while the user is on another page.
  const realtime = useRealtimeDetections(orgId);

  // Once the page shows an org, drop every other org's cache: it may hold
  // answers fetched around a switch (the API follows the session, not the key).
  useEffect(() => {
    queryClient.removeQueries({ queryKey: orgKeys.all, predicate: (query) => query.queryKey[1] !== orgId });
  }, [orgId, queryClient]);

  // Another tab switched organization: re-render from the server's session.
  const session = authClient.useSession();
  const sessionOrgId = session.data?.session.activeOrganizationId;
  useEffect(() => {
    if (sessionOrgId !== undefined && sessionOrgId !== orgId) router.refresh();
  }, [sessionOrgId, orgId, router]);

  return (
    <OrgProvider orgId={orgId}>
      <PermissionsProvider role={role}>
        {/* The first Tab on every page: past the header's dozen controls, straight to the page's content. */}
        <a className="skip-link" href="#main">
          {t('skip')}
        </a>
        <header className="shell-header">
          <Link href="/dashboard" className="brand">
            <span className="brand-mark" aria-hidden />
            Orylo
          </Link>
          <Nav isAdmin={isAdmin} />
          <div className="shell-spacer" />
          <ConnectionIndicator view={realtime} />
          <NotificationsMenu orgId={orgId} />
          <div className="shell-user">
            <OrgSwitcher orgId={orgId} />
            <span className="muted hide-sm" data-testid="user-email" title={email} translate="no">
              {email}
            </span>
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </header>
        <WarRoomBanner orgId={orgId} />
        <RealtimeStatusProvider state={realtime.state} problem={realtime.problem}>
          <main className="page" id="main" tabIndex={-1}>
            {children}
          </main>
        </RealtimeStatusProvider>
      </PermissionsProvider>
    </OrgProvider>
  );
}
