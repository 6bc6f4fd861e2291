import http from 'node:http';
import https from 'node:https';
import { lookupPublicOnly } from './url-guard';

// One outbound POST (a webhook delivery, a Slack message), reported rather
// than thrown: the caller records every attempt. Node's own http(s) with a
// lookup that refuses private addresses at connection time
// (./url-guard.ts), a hard deadline over the whole exchange, and at most a
// few KB of the answer read (an endpoint cannot make us buffer megabytes).

export type TPostResult = {
  /** The HTTP status, or null when no answer came (refused, timed out, DNS). */
  status: number | null;
  ok: boolean;
  durationMs: number;
  /** Why it failed, for the delivery log: "timeout after 10000 ms", "ECONNREFUSED", "HTTP 500". */
  error: string | null;
  /** The first bytes of the answer's body, for the delivery log. */
  responseSnippet: string;
};

const SNIPPET_BYTES = 1_024;

export function postJson(url: URL, body: string, headers: Record<string, string>, options: { timeoutMs: number }): Promise<TPostResult> {
  const started = performance.now();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<TPostResult, 'durationMs' | 'ok'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      resolve({ ...result, ok, durationMs: Math.round(performance.now() - started) });
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Orylo-Webhooks/1', 'content-length': Buffer.byteLength(body), ...headers },
        lookup: lookupPublicOnly as never,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < SNIPPET_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= SNIPPET_BYTES) response.destroy();
        });
        const done = () => {
          const status = response.statusCode ?? null;
          const snippet = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
          finish({ status, error: status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}`, responseSnippet: snippet });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ status: null, error: `timeout after ${options.timeoutMs} ms`, responseSnippet: '' });
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, error: error.code ?? error.message, responseSnippet: '' }));
    request.end(body);
  });
}
