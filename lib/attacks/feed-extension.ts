import type { TFeedExtension } from '@/lib/realtime/extensions';
import { ATTACK_CONFIG } from './config';
import { readFeedAttacks } from './find';
import { trackOpenAttack } from './observe';
import { AttackWatch } from './watch';

/**
 * The war room's events on the live stream: each org poller reads the org's
 * incidents in its one transaction per tick and sends attack_started /
 * attack_updated (at most every updateIntervalMs per incident) / attack_ended.
 * Registered with realtime at start-up (lib/server/register.ts).
 */
export const attackFeedExtension: TFeedExtension = {
  name: 'attacks',
  createWatcher() {
    const watch = new AttackWatch(ATTACK_CONFIG.updateIntervalMs);
    return {
      greeting: () => watch.greeting(),
      async read({ db, orgId }) {
        const rows = await readFeedAttacks({ db, orgId, knownOpenIds: watch.openIds });
        // An incident opened elsewhere (another instance, before a restart): this
        // process sweeps it too, so it closes even if no ingest reaches us.
        if (rows.some((r) => r.attack.status === 'open')) trackOpenAttack(orgId);
        return (now) => watch.apply(rows, now);
      },
    };
  },
};
