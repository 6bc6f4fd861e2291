'use client';

import { isServer, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('common.ui');
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/*
        Bottom-right, away from everything a fraud team acts on: the sticky header's
        controls, the war-room banner and its "Open the war room" link, the war room's
        actions and the drawer's decision all sit at the top of the screen (checked
        with bounding boxes on a desktop and a 390×844 phone, e2e/notifications).
        dir is given: without it sonner reads getComputedStyle(<html>) on every
        render, which forces a style recalculation per toast update.
      */}
      <Toaster
        richColors
        position="bottom-right"
        dir="ltr"
        closeButton
        theme="system"
        visibleToasts={3}
        containerAriaLabel={t('toasts')}
        toastOptions={{ closeButtonAriaLabel: t('closeToast') }}
        offset={{ bottom: 16, right: 16 }}
        mobileOffset={{ bottom: 12, left: 12, right: 12 }}
      />
    </QueryClientProvider>
  );
}
