'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { authClient } from '@/lib/auth/client';

/**
 * Better Auth's reason, as a toast's detail: its sentences are English, so a
 * French reader gets the toast's title alone (the page, refreshed, shows the
 * invitation's state in their language).
 */
function useDetail() {
  const locale = useLocale();
  return (error: { message?: string }) => (locale === 'en' ? { description: error.message } : undefined);
}

/** Accept (the organization becomes the active one; on to its dashboard) or decline. */
export function InvitationResponse({ invitationId, organizationName }: { invitationId: string; organizationName: string }) {
  const t = useTranslations('invitations');
  const detail = useDetail();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<'accept' | 'decline' | null>(null);

  const accept = async () => {
    setPending('accept');
    const { error } = await authClient.organization.acceptInvitation({ invitationId });
    if (error) {
      setPending(null);
      toast.error(t('acceptFailed'), detail(error));
      router.refresh();
      return;
    }
    // Better Auth made the organization active; nothing of another org may stay cached.
    queryClient.clear();
    toast.success(t('welcome', { org: organizationName }));
    router.replace('/dashboard');
    router.refresh();
  };

  const decline = async () => {
    setPending('decline');
    const { error } = await authClient.organization.rejectInvitation({ invitationId });
    setPending(null);
    if (error) toast.error(t('declineFailed'), detail(error));
    router.refresh();
  };

  return (
    <div style={{ display: 'flex', gap: 10 }}>
      <Button variant="primary" block onClick={accept} disabled={pending !== null} data-testid="accept-invitation">
        {pending === 'accept' ? t('joining') : t('join', { org: organizationName })}
      </Button>
      <Button onClick={decline} disabled={pending !== null} data-testid="decline-invitation">
        {pending === 'decline' ? t('declining') : t('decline')}
      </Button>
    </div>
  );
}

/** Signs out and stays here, so the right account can sign in. */
export function SwitchAccountButton() {
  const t = useTranslations('invitations');
  const ts = useTranslations('shell.signOut');
  const detail = useDetail();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const switchAccount = async () => {
    setPending(true);
    const { error } = await authClient.signOut();
    setPending(false);
    if (error) return toast.error(ts('failed'), detail(error));
    queryClient.clear();
    router.refresh();
  };
  return (
    <Button variant="primary" block onClick={switchAccount} disabled={pending} data-testid="switch-account">
      {pending ? ts('pending') : t('switchAccount')}
    </Button>
  );
}
