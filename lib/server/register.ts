import { startAlertChecks } from '@/lib/alerts';
import { attackFeedExtension } from '@/lib/attacks/feed-extension';
import { registerFeedExtension } from '@/lib/realtime/extensions';
import { startRollupFollower } from '@/lib/rollups';
import { startWebhookWorker } from '@/lib/webhooks/worker';

/**
 * The composition root: plugs domains into the ones that define interfaces
 * for them, so those never import the domains (realtime knows nothing of
 * attacks). Called at start-up by both module graphs of a server process:
 * Next's instrumentation hook (instrumentation.ts) and scripts/server.ts.
 * Idempotent.
 */
export function registerServerParts(): void {
  registerFeedExtension(attackFeedExtension);
  // The counters' follower and retention: one per process (lib/rollups/follower.ts).
  startRollupFollower();
  // The review-backlog alert check: one per process, gated like the follower.
  startAlertChecks();
  // Outbound webhook deliveries: a graphile-worker pool per process (lib/webhooks/worker.ts).
  startWebhookWorker();
}
