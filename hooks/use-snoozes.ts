'use client';

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import { SNOOZE_ENTITY_LABEL, type TCreateSnoozeBody, type TSnooze } from '@/lib/snoozes/schema';
import { snoozeKeys } from './query-keys';
import { useRefresh } from './use-refresh';

// Rules snoozed for one email, card, customer or device (GET /api/v1/snoozes):
// one org-wide list of the live ones, read by the detection view, changed by
// the mutations below, which refresh snoozeKeys.all.

export function snoozesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: snoozeKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<{ snoozes: TSnooze[] }>('/api/v1/snoozes', { signal }),
    // A snooze expires on its own: look again now and then.
    refetchInterval: 60_000,
  });
}

export function useSnoozes(orgId: string) {
  return useQuery(snoozesQueryOptions(orgId));
}

const subject = (s: Pick<TSnooze, 'entityType' | 'entityValue'>) => `${SNOOZE_ENTITY_LABEL[s.entityType]} ${s.entityValue}`;

export function useCreateSnooze(orgId: string) {
  const refresh = useRefresh(snoozeKeys.all(orgId));
  return useMutation({
    mutationFn: ({ ruleId, body }: { ruleId: string; body: TCreateSnoozeBody }) =>
      fetchJson<{ snooze: TSnooze }>(`/api/v1/rules/${encodeURIComponent(ruleId)}/snoozes`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: ({ snooze }) =>
      toast.success(`“${snooze.ruleName}” snoozed for ${subject(snooze)}`, {
        description: `It is still evaluated and shown in shadow, and decides nothing for it until ${new Date(snooze.expiresAt).toLocaleString()}.`,
      }),
    onError: (error) => toast.error('Could not snooze the rule', { description: error.message }),
    onSettled: refresh,
  });
}

export function useEndSnooze(orgId: string) {
  const refresh = useRefresh(snoozeKeys.all(orgId));
  return useMutation({
    mutationFn: (snooze: TSnooze) => fetchJson<{ snooze: TSnooze }>(`/api/v1/snoozes/${encodeURIComponent(snooze.id)}`, { method: 'DELETE' }),
    onSuccess: (_data, snooze) => toast.success(`“${snooze.ruleName}” decides again for ${subject(snooze)}`, { description: 'From the next payment.' }),
    onError: (error) => toast.error('Could not end the snooze', { description: error.message }),
    onSettled: refresh,
  });
}
