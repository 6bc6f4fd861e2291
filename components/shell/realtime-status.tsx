'use client';

import { useTranslations } from 'next-intl';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useFormats } from '@/hooks/use-formats';
import { staleNotice, type TConnectionProblem } from '@/hooks/realtime/staleness';
import type { TRealtimeState } from '@/lib/realtime/client';

// The shell's live-feed state for the figures below it: the war room and the
// counters say since when they are stale while the feed is not live, instead
// of claiming to refresh every 2 seconds. Only state and problem: the last
// event's time moves every few seconds and must not re-render the page.

type TRealtimeStatus = { state: TRealtimeState; problem: TConnectionProblem };
const RealtimeStatusContext = createContext<TRealtimeStatus>({ state: 'connecting', problem: null });

export function RealtimeStatusProvider({ state, problem, children }: TRealtimeStatus & { children: ReactNode }) {
  const value = useMemo(() => ({ state, problem }), [state, problem]);
  return <RealtimeStatusContext.Provider value={value}>{children}</RealtimeStatusContext.Provider>;
}

export function useRealtimeStatus(): TRealtimeStatus {
  return useContext(RealtimeStatusContext);
}

/** "Figures as of 14:05:12 — reconnecting" for figures read at `asOf` (ms), or null while the feed is live. */
export function useStaleNotice(asOf: number | null): string | null {
  const { state, problem } = useRealtimeStatus();
  const t = useTranslations('dashboard.connection');
  const f = useFormats();
  const notice = staleNotice({ state, problem, asOf, formatTime: f.time });
  return notice ? t('stale', notice) : null;
}
