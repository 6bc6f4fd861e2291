'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { authClient } from '@/lib/auth/client';

export function SignOutButton({ variant = 'button' }: { variant?: 'button' | 'link' }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const t = useTranslations('shell.signOut');

  const signOut = async () => {
    setPending(true);
    const { error } = await authClient.signOut();
    if (error) {
      setPending(false);
      toast.error(t('failed'), { description: error.message });
      return;
    }
    // Nothing of this account may stay in memory for the next one.
    queryClient.clear();
    router.replace('/sign-in');
    router.refresh();
  };

  if (variant === 'link') {
    return (
      <Button variant="ghost" size="sm" onClick={signOut} disabled={pending}>
        {t('action')}
      </Button>
    );
  }
  return (
    <Button size="sm" onClick={signOut} disabled={pending} data-testid="sign-out">
      {pending ? t('pending') : t('action')}
    </Button>
  );
}
