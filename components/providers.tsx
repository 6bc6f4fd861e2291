'use client';

import { isServer, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Toaster } from 'sonner';
import { isRetryable } from '@/lib/api-client';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx (no session, wrong role, bad input) will not change on retry.
        retry: (failureCount, error) => failureCount < 3 && isRetryable(error),
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/**
 * One client per browser tab, kept at module level so a render thrown away
 * (Strict Mode, a suspended hydration) cannot start a second cache. On the
 * server each request gets its own, so users never share one.
 */
function getQueryClient(): QueryClient {
  if (isServer) return createQueryClient();
  browserQueryClient ??= createQueryClient();
  return browserQueryClient;
}

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/* Below the sticky header (56 px, two rows on phones) so toasts never cover the nav or Sign out. */}
      <Toaster
        richColors
        position="top-right"
        closeButton
        theme="system"
        offset={{ top: 68, right: 16 }}
        mobileOffset={{ top: 112 }}
      />
    </QueryClientProvider>
  );
}
