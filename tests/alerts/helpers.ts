import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OryloSession } from '@/scripts/lib/http-client';
import type { Merchant } from '../helpers/env';

/** What a Slack incoming webhook was sent: the parsed JSON, its path and when it arrived. */
export type TSlackPost = { path: string; body: { text: string; blocks: any[] }; raw: string; at: number; headers: Record<string, unknown> };

/**
 * A real HTTP server standing in for Slack's incoming webhooks: records every
 * POST and answers like Slack ("ok"), or with the status `statusFor(path)` says.
 */
export async function startSlackReceiver(options: { statusFor?: (path: string, seen: number) => number } = {}) {
  const posts: TSlackPost[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      let body: TSlackPost['body'] = { text: '', blocks: [] };
      try {
        body = JSON.parse(raw);
      } catch {}
      posts.push({ path, body, raw, at: Date.now(), headers: req.headers });
      const status = options.statusFor?.(path, posts.filter((p) => p.path === path).length) ?? 200;
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'invalid_payload');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    posts,
    /** The posts to one hook path. */
    at: (path: string) => posts.filter((p) => p.path === path),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The merchant's owner signed in on another server of the same database, with the org active. */
export async function sessionOn(baseUrl: string, m: Merchant): Promise<OryloSession> {
  const s = new OryloSession(baseUrl);
  await s.signIn({ email: m.email, password: 'correct-horse-battery' });
  await s.post('/api/auth/organization/set-active', { organizationId: m.orgId });
  return s;
}

export const jsonPost = (s: OryloSession, path: string, body: unknown, method = 'POST') =>
  s.fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
