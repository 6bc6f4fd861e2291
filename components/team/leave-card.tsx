'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { useLeaveOrganization } from '@/hooks/use-team';

/** Leaving, for every role; the last owner is told to name another owner first (the server refuses it anyway). */
export function LeaveCard({ orgId, lastOwner }: { orgId: string; lastOwner: boolean }) {
  const t = useTranslations('team.leave');
  const router = useRouter();
  const queryClient = useQueryClient();
  const leave = useLeaveOrganization(orgId);
  const confirm = useInlineConfirm();

  return (
    <Card>
      <CardHeader title={t('title')} description={t('description')} />
      <CardBody>
        {lastOwner ? (
          <p className="hint" data-testid="leave-locked">
            {t('locked')}
          </p>
        ) : (
          <ConfirmAction
            {...confirm.row('me')}
            verb={t('verb')}
            pendingLabel={t('pending')}
            warning={t('warning')}
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
