import { describe, expect, it, vi } from 'vitest';
import type { TAttack } from '@/lib/attacks/schema';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { GROUP_MS, TOAST_UPDATE_MS } from './batch-toast';
import { createShownIncidents } from './shown-incidents';
import { createTranslator } from 'next-intl';
import { messagesFor } from '@/messages';
import { createRealtimeAlerts, type TAlertOutlets } from './use-realtime-alerts';

// The alerts against fake outlets: which toast, sound and page each event gives.

function outlets(options: { urgent?: boolean; sound?: boolean; storage?: Pick<Storage, 'getItem' | 'setItem'> } = {}) {
  const clock = { now: 0 };
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const out = {
    toast: { error: vi.fn(), warning: vi.fn(), success: vi.fn() },
    words: () => createTranslator({ locale: 'en', messages: messagesFor('en'), namespace: 'dashboard.toast' }),
    notifications: { recordDetections: vi.fn(() => ({ urgent: options.urgent ?? false })), isSoundEnabled: vi.fn(() => options.sound ?? false) },
    incidents: createShownIncidents(options.storage ?? null),
    playSound: vi.fn(),
    navigate: vi.fn(),
    now: () => clock.now,
    later: (run: () => void, ms: number) => {
      const timer = { at: clock.now + ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
  /** Moves the clock, running the timers that fall due. */
  const advance = (to: number) => {
    clock.now = to;
    for (const t of timers.splice(0)) (t.cancelled ? null : t.at <= to ? t.run() : timers.push(t));
  };
  return { out: out as typeof out & TAlertOutlets, advance };
}

const rows = (...decisions: TDetection['decision'][]) => decisions.map((decision, i) => makeDetection({ id: `d${i}-${Math.random()}`, decision }));

describe('realtime alerts', () => {
  it('never toasts routine traffic, but still feeds the notifications menu', () => {
    const { out } = outlets();
    createRealtimeAlerts('org-1', out).detections(rows('ALLOW', 'ALLOW'));
    expect(out.toast.success).not.toHaveBeenCalled();
    expect(out.toast.warning).not.toHaveBeenCalled();
    expect(out.toast.error).not.toHaveBeenCalled();
    expect(out.notifications.recordDetections).toHaveBeenCalledOnce();
  });

  it('groups REVIEW and BLOCK batches into one toast, redrawn at most once a second', () => {
    const { out, advance } = outlets();
    const alerts = createRealtimeAlerts('org-1', out);
    alerts.detections(rows('REVIEW', 'ALLOW'));
    expect(out.toast.warning).toHaveBeenCalledWith('1 payment to review', { id: 'detections-org-1-1', description: 'Waiting in the review queue.', duration: 8_000 });
    for (let t = 100; t < 900; t += 100) {
      advance(t);
      alerts.detections(rows('BLOCK'));
    }
    // Eight batches within the second: no redraw yet, then one with every count.
    expect(out.toast.error).not.toHaveBeenCalled();
    advance(TOAST_UPDATE_MS);
    expect(out.toast.error).toHaveBeenCalledOnce();
    expect(out.toast.error).toHaveBeenLastCalledWith('9 flagged payments', { id: 'detections-org-1-1', description: '8 blocked, 1 to review', duration: 8_000 });

    advance(TOAST_UPDATE_MS + GROUP_MS + 1);
    alerts.detections(rows('REVIEW'));
    expect(out.toast.warning).toHaveBeenLastCalledWith('1 payment to review', { id: 'detections-org-1-2', description: 'Waiting in the review queue.', duration: 8_000 });
  });

  it('beeps for blocked payments only when the sound is on', () => {
    const quiet = outlets({ urgent: true, sound: false });
    createRealtimeAlerts('org-1', quiet.out).detections(rows('BLOCK'));
    expect(quiet.out.playSound).not.toHaveBeenCalled();
    const loud = outlets({ urgent: true, sound: true });
    createRealtimeAlerts('org-1', loud.out).detections(rows('BLOCK'));
    expect(loud.out.playSound).toHaveBeenCalledOnce();
  });

  it('says nothing for a batch the user had already seen', () => {
    const { out } = outlets();
    createRealtimeAlerts('org-1', out).detections([]);
    expect(out.notifications.recordDetections).not.toHaveBeenCalled();
  });

  it('raises the attack toast once per incident, also across reloads of the tab, and a calm one when it ends', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    const { out } = outlets({ storage });
    const alerts = createRealtimeAlerts('org-1', out);
    const attack = { id: 'atk', attempts: 40, distinctCards: 12, blocked: 30 } as TAttack;
    alerts.attack(attack, 'started');
    alerts.attack(attack, 'updated');
    // A reconnect greets the stream with attack_started again.
    alerts.attack(attack, 'started');
    const [title, options] = out.toast.error.mock.calls[0] as [string, { id: string; action: { onClick(): void } }];
    expect([title, options.id]).toEqual(['Card-testing attack under way', 'attack-atk']);
    expect(out.toast.error).toHaveBeenCalledOnce();
    options.action.onClick();
    expect(out.navigate).toHaveBeenCalledWith('/dashboard#war-room');

    const reloaded = outlets({ storage });
    createRealtimeAlerts('org-1', reloaded.out).attack(attack, 'started');
    expect(reloaded.out.toast.error).not.toHaveBeenCalled();

    alerts.attack(attack, 'ended');
    expect(out.toast.success).toHaveBeenCalledWith('The attack has ended', { id: 'attack-atk', description: '40 attempts in all, 30 blocked.' });
  });

  it('sends a signed-out user to sign-in and a removed member to the organization picker', () => {
    const { out } = outlets();
    const alerts = createRealtimeAlerts('org-1', out);
    alerts.unauthorized(401);
    alerts.unauthorized(403);
    expect(out.navigate.mock.calls).toEqual([['/sign-in'], ['/onboarding']]);
  });
});
