'use client';

import { useMemo } from 'react';
import { toast } from 'sonner';
import type { TAttack } from '@/lib/attacks/schema';
import type { TDetection } from '@/lib/detections/schema';
import { playAlertSound } from '@/lib/notifications/sound';
import { notificationsStore } from '@/lib/notifications/store';
import type { TAttackPhase } from '../cache/war-room';
import { describeToastGroup, nextToastGroup, type TToastGroup } from './batch-toast';

// What the live feed tells the user beyond the data on screen: grouped toasts
// for new detections, the attack toasts, the notifications menu and its beep,
// and where to go when the session or the membership is gone.

export type TRealtimeAlerts = {
  /** Rows the user had not seen yet (an empty batch says nothing). */
  detections(fresh: TDetection[]): void;
  attack(attack: TAttack, phase: TAttackPhase): void;
  unauthorized(status: 401 | 403): void;
};

/** Where alerts go: the browser's, or fakes in tests. */
export type TAlertOutlets = {
  toast: Pick<typeof toast, 'error' | 'warning' | 'success'>;
  notifications: Pick<typeof notificationsStore, 'recordDetections' | 'isSoundEnabled'>;
  playSound(): void;
  navigate(url: string): void;
  now(): number;
};

const browserOutlets: TAlertOutlets = {
  toast,
  notifications: notificationsStore,
  playSound: playAlertSound,
  navigate: (url) => window.location.assign(url),
  now: () => Date.now(),
};

export function createRealtimeAlerts(orgId: string, out: TAlertOutlets = browserOutlets): TRealtimeAlerts {
  let group: TToastGroup | null = null;
  return {
    detections(fresh) {
      if (fresh.length === 0) return;
      group = nextToastGroup(group, fresh, out.now());
      const { title, description, tone } = describeToastGroup(group);
      out.toast[tone](title, { id: `detections-${orgId}-${group.id}`, description, duration: tone === 'success' ? 3_000 : 8_000 });
      const { urgent } = out.notifications.recordDetections(fresh);
      if (urgent && out.notifications.isSoundEnabled()) out.playSound();
    },
    attack(attack, phase) {
      if (phase === 'started') {
        out.toast.error('Card-testing attack under way', {
          id: `attack-${attack.id}`,
          description: `${attack.attempts} attempts, ${attack.distinctCards} distinct cards. The war room is open on the dashboard.`,
          duration: 15_000,
          action: { label: 'War room', onClick: () => out.navigate('/dashboard#war-room') },
        });
      } else if (phase === 'ended') {
        out.toast.success('The attack has ended', { id: `attack-${attack.id}`, description: `${attack.attempts} attempts in all, ${attack.blocked} blocked.` });
      }
    },
    // 401: signed out (here or in another tab). 403: no longer in this org: pick another.
    unauthorized(status) {
      out.navigate(status === 401 ? '/sign-in' : '/onboarding');
    },
  };
}

/** One per organization, stable across renders, so the stream's effect does not restart. */
export function useRealtimeAlerts(orgId: string): TRealtimeAlerts {
  return useMemo(() => createRealtimeAlerts(orgId), [orgId]);
}
