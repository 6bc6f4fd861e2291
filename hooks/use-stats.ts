'use client';

import { useQuery } from '@tanstack/react-query';
import { statsQueryOptions } from './query-options';

export function useStats(orgId: string) {
  return useQuery(statsQueryOptions(orgId));
}
