'use client';

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TStripeStatus } from '@/lib/stripe/schema';
import { stripeKeys } from './query-keys';
import { useErrorText } from './use-error-text';
import { useRefresh } from './use-refresh';

// The organization's Stripe connection (README, "Stripe"): its state, and the
// signing secret an admin saves, replaces or removes (never read back).

export function stripeStatusQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: stripeKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<{ stripe: TStripeStatus }>('/api/v1/settings/stripe', { signal }),
    // The recent events list shows deliveries as they arrive, while someone sets Stripe up.
    refetchInterval: 15_000,
  });
}

export function useStripeStatus(orgId: string) {
  return useQuery(stripeStatusQueryOptions(orgId));
}

export function useSaveStripeSecret(orgId: string) {
  const t = useTranslations('stripe.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(stripeKeys.all(orgId));
  return useMutation({
    mutationFn: (input: { webhookSecret: string }) =>
      fetchJson<{ stripe: TStripeStatus }>('/api/v1/settings/stripe', { method: 'PUT', body: JSON.stringify(input) }),
    onSuccess: () => toast.success(t('connected'), { description: t('connectedDetail') }),
    onError: (error) => toast.error(t('saveFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useRemoveStripeSecret(orgId: string) {
  const t = useTranslations('stripe.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(stripeKeys.all(orgId));
  return useMutation({
    mutationFn: () => fetchJson<{ stripe: TStripeStatus }>('/api/v1/settings/stripe', { method: 'DELETE' }),
    onSuccess: () => toast.success(t('disconnected'), { description: t('disconnectedDetail') }),
    onError: (error) => toast.error(t('removeFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}
