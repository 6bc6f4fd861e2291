import { useTranslations } from 'next-intl';
import type { TRealtimeView } from '@/hooks/realtime/use-realtime-detections';
import { connectionDetail } from '@/hooks/realtime/staleness';
import { useFormats } from '@/hooks/use-formats';

// Honest words: only "Live" claims that detections arrive as they happen, and
// the explanation tells "no network" (this device) from "server unreachable".
export function ConnectionIndicator({ view }: { view: TRealtimeView }) {
  const t = useTranslations('dashboard.connection');
  const f = useFormats();
  const { state, lastEventAt, role, problem } = view;
  const title = [
    t(`detail.${connectionDetail(state, problem)}`),
    lastEventAt ? t('lastAt', { time: f.time(lastEventAt) }) : t('noMessage'),
    role === 'follower' ? t('shared') : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <span className="conn" data-testid="connection-state" data-state={state} data-problem={problem ?? ''} data-role={role ?? ''} title={title}>
        <span className="conn-dot" aria-hidden />
        <span>{t('state', { state })}</span>
      </span>
      {/* Announced once per change, in words a screen-reader user can act on. */}
      <span className="sr-only" role="status" aria-live="polite">
        {t('announce', { state, problem: problem ?? 'none' })}
      </span>
    </>
  );
}
