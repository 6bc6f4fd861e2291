import type { TFeedAttack } from './find';
import type { TAttack } from './schema';

export type TAttackEvent = { type: 'attack_started' | 'attack_updated' | 'attack_ended'; attack: TAttack };

type TKnown = { version: number; status: TAttack['status']; sentAt: number; attack: TAttack };

/**
 * What one stream poller has told its streams about the org's incidents:
 * given each tick's read, the attack_* events to send. attack_started for an
 * incident first seen open, attack_updated when its version moved (at most
 * every `minUpdateMs` per incident), attack_ended when it closed, attack_started
 * again when it resumed. An incident first seen already closed is remembered silently.
 */
export class AttackWatch {
  private readonly known = new Map<string, TKnown>();

  constructor(private readonly minUpdateMs: number) {}

  /** Incidents believed open: the next read includes them even once their end is more than a minute old. */
  get openIds(): string[] {
    return [...this.known].filter(([, k]) => k.status === 'open').map(([id]) => id);
  }

  /** attack_started for each open incident: what a stream that joins now needs. */
  greeting(): TAttackEvent[] {
    return [...this.known.values()].filter((k) => k.status === 'open').map((k) => ({ type: 'attack_started', attack: k.attack }));
  }

  apply(rows: TFeedAttack[], now: number): TAttackEvent[] {
    const events: TAttackEvent[] = [];
    const seen = new Set<string>();
    for (const { attack, version } of rows) {
      seen.add(attack.id);
      const known = this.known.get(attack.id);
      if (!known) {
        if (attack.status === 'open') events.push({ type: 'attack_started', attack });
        this.known.set(attack.id, { version, status: attack.status, sentAt: now, attack });
      } else if (known.status === 'closed' && attack.status === 'open') {
        // The attack came back and its incident resumed (evaluate.ts resumeRecent).
        events.push({ type: 'attack_started', attack });
        this.known.set(attack.id, { version, status: 'open', sentAt: now, attack });
      } else if (known.status === 'open' && attack.status === 'closed') {
        events.push({ type: 'attack_ended', attack });
        this.known.set(attack.id, { version, status: 'closed', sentAt: now, attack });
      } else if (known.status === 'open' && version !== known.version) {
        // Throttled: keep the old version, so a later read sends the change.
        if (now - known.sentAt < this.minUpdateMs) continue;
        events.push({ type: 'attack_updated', attack });
        this.known.set(attack.id, { version, status: 'open', sentAt: now, attack });
      }
    }
    for (const [id, known] of this.known) {
      if (seen.has(id)) continue;
      // Gone from the table while we thought it open: tell the streams it is over.
      if (known.status === 'open') events.push({ type: 'attack_ended', attack: { ...known.attack, status: 'closed' } });
      this.known.delete(id);
    }
    return events;
  }
}
