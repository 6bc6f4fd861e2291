'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * Cancel, then invalidate: invalidating while a first fetch is still in
 * flight would reuse that fetch, whose answer predates the change.
 */
export function useRefresh(queryKey: QueryKey) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.cancelQueries({ queryKey });
    await queryClient.invalidateQueries({ queryKey });
  };
}
