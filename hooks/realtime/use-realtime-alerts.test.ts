import { describe, expect, it, vi } from 'vitest';
import type { TAttack } from '@/lib/attacks/schema';
import type { TDetection } from '@/lib/detections/schema';
import { makeDetection } from '@/lib/detections/test-fixtures';
import { GROUP_MS } from './batch-toast';
import { createRealtimeAlerts, type TAlertOutlets } from './use-realtime-alerts';

// The alerts against fake outlets: which toast, sound and page each event gives.

function outlets(options: { urgent?: boolean; sound?: boolean } = {}) {
  const clock = { now: 0 };
  const out = {
    toast: { error: vi.fn(), warning: vi.fn(), success: vi.fn() },
    notifications: { recordDetections: vi.fn(() => ({ urgent: options.urgent ?? false })), isSoundEnabled: vi.fn(() => options.sound ?? false) },
    playSound: vi.fn(),
    navigate: vi.fn(),
    now: () => clock.now,
  };
  return { out: out as typeof out & TAlertOutlets, clock };
}

const rows = (...decisions: TDetection['decision'][]) => decisions.map((decision, i) => makeDetection({ id: `d${i}-${Math.random()}`, decision }));

describe('realtime alerts', () => {
  it('groups batches within 8 s into one toast per org, and starts another after a quiet spell', () => {
    const { out, clock } = outlets();
    const alerts = createRealtimeAlerts('org-1', out);
    alerts.detections(rows('ALLOW'));
    clock.now = 1_000;
    alerts.detections(rows('BLOCK', 'ALLOW'));
    expect(out.toast.success).toHaveBeenCalledWith('1 new detection', { id: 'detections-org-1-1', description: 'Allowed', duration: 3_000 });
    expect(out.toast.error).toHaveBeenLastCalledWith('3 new detections', { id: 'detections-org-1-1', description: '1 blocked', duration: 8_000 });
    clock.now = 1_000 + GROUP_MS + 1;
    alerts.detections(rows('REVIEW'));
    expect(out.toast.warning).toHaveBeenLastCalledWith('1 new detection', { id: 'detections-org-1-2', description: '1 to review', duration: 8_000 });
  });

  it('feeds the notifications menu, and beeps for blocked payments only when the sound is on', () => {
    const quiet = outlets({ urgent: true, sound: false });
    createRealtimeAlerts('org-1', quiet.out).detections(rows('BLOCK'));
    expect(quiet.out.notifications.recordDetections).toHaveBeenCalledOnce();
    expect(quiet.out.playSound).not.toHaveBeenCalled();
    const loud = outlets({ urgent: true, sound: true });
    createRealtimeAlerts('org-1', loud.out).detections(rows('BLOCK'));
    expect(loud.out.playSound).toHaveBeenCalledOnce();
  });

  it('says nothing for a batch the user had already seen', () => {
    const { out } = outlets();
    createRealtimeAlerts('org-1', out).detections([]);
    expect(out.toast.success).not.toHaveBeenCalled();
    expect(out.notifications.recordDetections).not.toHaveBeenCalled();
  });

  it('raises an urgent toast when an attack starts, with a way to the war room, and a calm one when it ends', () => {
    const { out } = outlets();
    const alerts = createRealtimeAlerts('org-1', out);
    const attack = { id: 'atk', attempts: 40, distinctCards: 12, blocked: 30 } as TAttack;
    alerts.attack(attack, 'started');
    alerts.attack(attack, 'updated');
    const [title, options] = out.toast.error.mock.calls[0] as [string, { id: string; action: { onClick(): void } }];
    expect([title, options.id]).toEqual(['Card-testing attack under way', 'attack-atk']);
    options.action.onClick();
    expect(out.navigate).toHaveBeenCalledWith('/dashboard#war-room');
    alerts.attack(attack, 'ended');
    expect(out.toast.error).toHaveBeenCalledOnce();
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
