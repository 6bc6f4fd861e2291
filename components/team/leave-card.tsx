'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { useLeaveOrganization } from '@/hooks/use-team';

/** Leaving, for every role; the last owner is told to name another owner first (the server refuses it anyway). */
export function LeaveCard({ orgId, lastOwner }: { orgId: string; lastOwner: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const leave = useLeaveOrganization(orgId);
  const confirm = useInlineConfirm();

  return (
    <Card>
      <CardHeader title="Leave this organization" description="You lose access at once; an admin or owner can invite you again." />
      <CardBody>
        {lastOwner ? (
          <p className="hint" data-testid="leave-locked">
            You are the last owner: make another member an owner before you leave.
          </p>
        ) : (
          <ConfirmAction
            {...confirm.row('me')}
            verb="Leave"
            pendingLabel="Leaving…"
            warning="You lose access at once."
            pending={leave.isPending}
            onConfirm={() =>
              leave.mutate(undefined, {
                onSuccess: () => {
                  queryClient.clear();
                  router.replace('/onboarding');
                  router.refresh();
                },
                onSettled: confirm.done,
              })
            }
            testIds={{ ask: 'leave-organization', confirm: 'confirm-leave-organization' }}
          />
        )}
      </CardBody>
    </Card>
  );
}
