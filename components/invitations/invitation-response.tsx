'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { authClient } from '@/lib/auth/client';

/** Accept (the organization becomes the active one; on to its dashboard) or decline. */
export function InvitationResponse({ invitationId, organizationName }: { invitationId: string; organizationName: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<'accept' | 'decline' | null>(null);

  const accept = async () => {
    setPending('accept');
    const { error } = await authClient.organization.acceptInvitation({ invitationId });
    if (error) {
      setPending(null);
      toast.error('Could not accept the invitation', { description: error.message });
      router.refresh();
      return;
    }
    // Better Auth made the organization active; nothing of another org may stay cached.
    queryClient.clear();
    toast.success(`Welcome to ${organizationName}`);
    router.replace('/dashboard');
    router.refresh();
  };

  const decline = async () => {
    setPending('decline');
    const { error } = await authClient.organization.rejectInvitation({ invitationId });
    setPending(null);
    if (error) toast.error('Could not decline the invitation', { description: error.message });
    router.refresh();
  };

  return (
    <div style={{ display: 'flex', gap: 10 }}>
      <Button variant="primary" block onClick={accept} disabled={pending !== null} data-testid="accept-invitation">
        {pending === 'accept' ? 'Joining…' : `Join ${organizationName}`}
      </Button>
      <Button onClick={decline} disabled={pending !== null} data-testid="decline-invitation">
        {pending === 'decline' ? 'Declining…' : 'Decline'}
      </Button>
    </div>
  );
}

/** Signs out and stays here, so the right account can sign in. */
export function SwitchAccountButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const switchAccount = async () => {
    setPending(true);
    const { error } = await authClient.signOut();
    setPending(false);
    if (error) return toast.error('Could not sign out', { description: error.message });
    queryClient.clear();
    router.refresh();
  };
  return (
    <Button variant="primary" block onClick={switchAccount} disabled={pending} data-testid="switch-account">
      {pending ? 'Signing out…' : 'Sign out and use another account'}
    </Button>
  );
}
