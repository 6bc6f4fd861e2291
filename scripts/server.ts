// The HTTP server behind `npm run dev`, `npm start`, the tests and the
// benchmark: Next.js for everything, except /api/v1/events, which a lean
// Node handler serves so that each open stream costs only its socket and
// Orylo's own state (see README, "Memory per live stream").
// Env: PORT, ORYLO_HOSTNAME (optional), ORYLO_SERVER_MODE=dev|start.
import http from 'node:http';
import next from 'next';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { stampClientIp } from '@/lib/net/client-ip';
import { answerClientError, refuseMalformed, sendError } from '@/lib/api/front-door';
import { handleEventsRequest } from '@/lib/api/stream-node';
import { closeNudges } from '@/lib/nudge';
import { registerServerParts } from '@/lib/server/register';
import { stopWebhookWorker } from '@/lib/webhooks/worker';

// This module graph serves the streams: plug the domains in here too (Next's
// own graph does it in instrumentation.ts; the registry is per process).
registerServerParts();

const dev = process.env.ORYLO_SERVER_MODE === 'dev';
const port = env().PORT;
const hostname = process.env.ORYLO_HOSTNAME || undefined;

const app = next({ dev, port, hostname, dir: process.cwd(), turbopack: dev });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  // A malformed request (TRACE, a bad Host, %zz in the path) is a 4xx JSON error from here.
  const refused = refuseMalformed(req);
  if (refused) return sendError(res, refused.error, refused.headers);
  // SECURITY: the one derivation of the client's address (TRUSTED_PROXIES),
  // replacing whatever a client sent under the same header name.
  stampClientIp(req.headers, req.socket.remoteAddress);
  // Decoded, so that /api/v1/%65vents cannot reach the App Router's copy of the route.
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
  // Every method: the lean handler answers anything but GET without taking a stream slot.
  if (path === '/api/v1/events') {
    handleEventsRequest(req, res).catch((error) => {
      logger().error({ err: error }, 'events handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end();
    });
    return;
  }
  void handle(req, res);
});
server.on('clientError', answerClientError);
const upgrade = app.getUpgradeHandler();
server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head));
// Idle keep-alive sockets stay open longer than a client's or a load balancer's
// pool keeps them (Node's default is 5 s), so a reused socket is rarely one we just closed.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => logger().info(`${dev ? 'dev' : 'production'} server listening on ${hostname ?? '*'}:${port}`));

const shutdown = () => {
  server.close();
  // Closes the LISTEN connection (PostgreSQL nudges) and hands back the webhook jobs not started.
  void Promise.allSettled([closeNudges(), stopWebhookWorker(), app.close()]).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
};
// The benchmark measures live memory per stream, not garbage waiting for the
// collector: started with --expose-gc, SIGUSR2 runs a full collection.
const gc = (globalThis as { gc?: () => void }).gc;
process.on('SIGUSR2', () => gc?.());

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
