'use client';

import { useQuery } from '@tanstack/react-query';
import { statsQueryOptions } from './query-options';
import { useOpenAttack } from './war-room';

/** The dashboard counters; every 2 s while a card-testing attack is under way. */
export function useStats(orgId: string) {
  const attack = useOpenAttack(orgId).data;
  return useQuery({ ...statsQueryOptions(orgId), refetchInterval: attack ? 2_000 : 60_000 });
}
