'use client';

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { useErrorText } from './use-error-text';
import { fetchJson } from '@/lib/api-client';
import type { TAttack, TTopEntry } from '@/lib/attacks/schema';
import type { TTimelineEntry } from './cache/war-room';
import { writeTimelineEntry } from './cache/write';
import { listKeys, thresholdKeys, warRoomKeys } from './query-keys';

export type { TAttack, TTimelineEntry, TTopEntry };

// The war room's client state: the org's open card-testing incident (kept
// current by the stream's attack_* events, see realtime/stream-caches.ts),
// its timeline as this tab saw it, and the analysts' quick actions.

export function openAttackQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: warRoomKeys.attack(orgId),
    queryFn: async ({ signal }) => (await fetchJson<{ attacks: TAttack[] }>('/api/v1/attacks?status=open', { signal })).attacks[0] ?? null,
    // The stream's attack_* events keep it current; this is the safety net.
    refetchInterval: 30_000,
  });
}

/** `refetchInterval`: the war room reads every 2 s while the stream, which normally brings the updates, is not live. */
export function useOpenAttack(orgId: string, options: { refetchInterval?: number } = {}) {
  return useQuery({ ...openAttackQueryOptions(orgId), ...options });
}

export function useWarRoomTimeline(orgId: string) {
  return useQuery({ queryKey: warRoomKeys.timeline(orgId), queryFn: () => [] as TTimelineEntry[], staleTime: Infinity, initialData: [] as TTimelineEntry[] }).data;
}

export type TBlockTarget = { type: 'ip' | 'card_bin' | 'card_fingerprint'; value: string };
/** The war room's block durations (0: for good); the panel names them from the catalog. */
export const DURATIONS = [{ ms: 3_600_000 }, { ms: 86_400_000 }, { ms: 0 }] as const;

/** How long a block lasts, as the catalog's sentences name it. */
const durationId = (ms: number) => (ms === 3_600_000 ? 'hour' : ms === 86_400_000 ? 'day' : 'forever');

export function useBlockFromWarRoom(orgId: string, attackId: string | null) {
  const queryClient = useQueryClient();
  const t = useTranslations('warRoom.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (input: TBlockTarget & { durationMs: number }) =>
      fetchJson<unknown>('/api/v1/lists', {
        method: 'POST',
        body: JSON.stringify({
          type: input.type,
          value: input.value,
          action: 'block',
          expiresAt: input.durationMs > 0 ? new Date(Date.now() + input.durationMs).toISOString() : null,
          reason: attackId ? `War room, incident ${attackId.slice(0, 8)}` : 'War room',
        }),
      }),
    onSuccess: (_data, input) => {
      const values = { type: input.type, value: input.value, duration: durationId(input.durationMs) };
      toast.success(t('blocked', values), { description: t('blockedDetail') });
      writeTimelineEntry(queryClient, orgId, { at: Date.now(), text: t('blockedTimeline', values), tone: 'info' });
    },
    onError: (error, input) => toast.error(t('blockFailed', { type: input.type, value: input.value }), { description: errorText(error) }),
    // The war room and the rules page read the same list entries.
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKeys.all(orgId) }),
  });
}

export function useRaiseThresholds(orgId: string) {
  const queryClient = useQueryClient();
  const t = useTranslations('warRoom.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (input: { review: number; block: number; minutes: number }) =>
      fetchJson<unknown>('/api/v1/settings/thresholds/override', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: (_data, input) => {
      toast.success(t('thresholds', input), { description: t('thresholdsDetail', input) });
      writeTimelineEntry(queryClient, orgId, { at: Date.now(), text: t('thresholdsTimeline', input), tone: 'info' });
    },
    onError: (error) => toast.error(t('thresholdsFailed'), { description: errorText(error) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: thresholdKeys.all(orgId) }),
  });
}
