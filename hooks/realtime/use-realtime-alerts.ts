'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef } from 'react';
import { toast } from 'sonner';
import type { TAttack } from '@/lib/attacks/schema';
import type { TDetection } from '@/lib/detections/schema';
import { playAlertSound } from '@/lib/notifications/sound';
import { notificationsStore } from '@/lib/notifications/store';
import type { TAttackPhase } from '../cache/war-room';
import { describeToastGroup, nextToastGroup, toastRedrawDelayMs, type TToastGroup, type TToastWords } from './batch-toast';
import { createShownIncidents, type TShownIncidents } from './shown-incidents';

// What the live feed tells the user beyond the data on screen: grouped toasts
// for payments to review or blocked (./batch-toast.ts), the attack toast once
// per incident, the notifications menu and its beep, and where to go when the
// session or the membership is gone.

export type TRealtimeAlerts = {
  /** Rows the user had not seen yet (an empty batch says nothing). */
  detections(fresh: TDetection[]): void;
  attack(attack: TAttack, phase: TAttackPhase): void;
  unauthorized(status: 401 | 403): void;
  /** Cancels a toast redraw still waiting (the org changed). */
  stop(): void;
};

/** Where alerts go: the browser's, or fakes in tests. */
export type TAlertOutlets = {
  toast: Pick<typeof toast, 'error' | 'warning' | 'success'>;
  /** The detections toasts' words, in the reader's language at the time of drawing. */
  words(): TToastWords;
  notifications: Pick<typeof notificationsStore, 'recordDetections' | 'isSoundEnabled'>;
  incidents: TShownIncidents;
  playSound(): void;
  navigate(url: string): void;
  now(): number;
  /** Runs `callback` after `ms`; returns a cancel function. */
  later(callback: () => void, ms: number): () => void;
};

const browserOutlets = (words: () => TToastWords): TAlertOutlets => ({
  toast,
  words,
  notifications: notificationsStore,
  incidents: createShownIncidents(),
  playSound: playAlertSound,
  navigate: (url) => window.location.assign(url),
  now: () => Date.now(),
  later: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
});

export function createRealtimeAlerts(orgId: string, out: TAlertOutlets): TRealtimeAlerts {
  let group: TToastGroup | null = null;
  let drawnAt: number | null = null;
  let cancelDraw: (() => void) | null = null;

  const draw = () => {
    cancelDraw = null;
    if (!group) return;
    drawnAt = out.now();
    const { title, description, tone } = describeToastGroup(group, out.words());
    out.toast[tone](title, { id: `detections-${orgId}-${group.id}`, description, duration: 8_000 });
  };

  return {
    detections(fresh) {
      if (fresh.length === 0) return;
      const next = nextToastGroup(group, fresh, out.now());
      if (next !== group) {
        // A new group is drawn at once; a grown one waits for the redraw interval.
        const isNew = next!.id !== group?.id;
        group = next;
        if (isNew) {
          cancelDraw?.();
          draw();
        } else if (!cancelDraw) {
          cancelDraw = out.later(draw, toastRedrawDelayMs(drawnAt, out.now()));
        }
      }
      const { urgent } = out.notifications.recordDetections(fresh);
      if (urgent && out.notifications.isSoundEnabled()) out.playSound();
    },
    attack(attack, phase) {
      if (phase === 'updated' || !out.incidents.firstTime(attack.id, phase)) return;
      if (phase === 'started') {
        const t = out.words();
        out.toast.error(t('attackStarted'), {
          id: `attack-${attack.id}`,
          description: t('attackStartedDetail', { attempts: attack.attempts, cards: attack.distinctCards }),
          duration: 15_000,
          action: { label: t('warRoom'), onClick: () => out.navigate('/dashboard#war-room') },
        });
      } else {
        const t = out.words();
        out.toast.success(t('attackEnded'), { id: `attack-${attack.id}`, description: t('attackEndedDetail', { attempts: attack.attempts, blocked: attack.blocked }) });
      }
    },
    // 401: signed out (here or in another tab). 403: no longer in this org: pick another.
    unauthorized(status) {
      out.navigate(status === 401 ? '/sign-in' : '/onboarding');
    },
    stop() {
      cancelDraw?.();
      cancelDraw = null;
    },
  };
}

/** One per organization, stable across renders, so the stream's effect does not restart. */
export function useRealtimeAlerts(orgId: string): TRealtimeAlerts {
  // Read through a ref: the alerts live as long as the org, the language may change under them.
  const t = useTranslations('dashboard.toast');
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);
  const alerts = useMemo(() => createRealtimeAlerts(orgId, browserOutlets(() => tRef.current)), [orgId]);
  useEffect(() => () => alerts.stop(), [alerts]);
  return alerts;
}
