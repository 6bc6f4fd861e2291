import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { VERIFY_SNIPPET } from '@/lib/webhooks/verify-snippet';
import type { OryloSession } from '@/scripts/lib/http-client';
import { until } from '../helpers/wait';

// A real local HTTP receiver for webhook deliveries, and the merchant's own
// verification code (lib/webhooks/verify-snippet.ts, the text the settings
// page and the README show), loaded as a merchant loads it.

export type TVerify = (rawBody: string | Buffer, header: string, secret: string, toleranceSeconds?: number) => boolean;

export function loadVerifier(): TVerify {
  const mod = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', VERIFY_SNIPPET)(createRequire(import.meta.url), mod, mod.exports);
  return mod.exports.verifyOryloSignature as TVerify;
}

export type TReceived = { at: number; headers: http.IncomingHttpHeaders; raw: string; body: any; eventId: string; signature: string };
/** What to answer to the n-th request (1-based): a status, or 'hang' (accept, never answer). */
export type TAnswer = (received: TReceived, n: number) => number | 'hang';

export async function startReceiver(answer: TAnswer = () => 200, port = 0) {
  const received: TReceived[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = null;
      try {
        body = JSON.parse(raw);
      } catch {}
      const r: TReceived = { at: Date.now(), headers: req.headers, raw, body, eventId: String(req.headers['orylo-event-id'] ?? ''), signature: String(req.headers['orylo-signature'] ?? '') };
      received.push(r);
      const a = answer(r, received.length);
      if (a === 'hang') {
        hanging.add(res);
        return;
      }
      res.statusCode = a;
      res.setHeader('content-type', 'text/plain');
      res.end(a >= 200 && a < 300 ? 'thanks' : `failing on purpose (${a})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orylo/webhooks`;
  return {
    url,
    received,
    /** The requests for one event type, in arrival order. */
    ofType: (type: string) => received.filter((r) => r.body?.type === type),
    waitFor: (what: string, pred: (all: TReceived[]) => boolean, timeoutMs = 15_000) =>
      until(what, timeoutMs, async () => (pred(received) ? received : undefined), 50),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TReceiver = Awaited<ReturnType<typeof startReceiver>>;

export type TCreated = { id: string; url: string; events: string[]; decisions: string[] | null; enabled: boolean; secret: string };

export async function createEndpoint(session: OryloSession, body: Record<string, unknown>): Promise<TCreated> {
  return session.post<TCreated>('/api/v1/webhooks', body);
}

export const ALL_EVENTS = ['detection.created', 'detection.reviewed', 'detection.outcome', 'attack.started', 'attack.ended', 'list.changed'];

/** The endpoint's delivery log (attempts, newest first). */
export async function deliveries(session: OryloSession, endpointId: string, query = ''): Promise<{ deliveries: any[]; nextCursor: string | null }> {
  return session.json(`/api/v1/webhooks/${endpointId}/deliveries${query}`);
}
