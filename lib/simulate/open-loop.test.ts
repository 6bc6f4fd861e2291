import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postIngest } from './open-loop';

// A server that closes a kept-alive socket just as the client reuses it: the
// request dies with ECONNRESET before any answer. The simulator lost 14 of
// 1,200 requests that way; it now sends such a request again on a fresh socket.

let server: http.Server;
let baseUrl: string;
const served = new WeakSet<object>();
let requests = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++;
    // The second request on a socket finds it closed under it.
    if (served.has(req.socket)) return void req.socket.destroy();
    served.add(req.socket);
    req.resume();
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ detection: { decision: 'ALLOW', reasons: [] } })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('postIngest on a reused socket the server closed', () => {
  it('sends the request again on a fresh socket instead of losing it', async () => {
    const target = { baseUrl, apiKey: 'k' };
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await postIngest(target, JSON.stringify({ i }), 1));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(requests).toBeGreaterThan(5); // some went twice: the reused socket was closed under them
  });
});
