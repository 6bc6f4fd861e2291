import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, type Merchant } from '../helpers/env';

// A malformed request is a 4xx JSON error from scripts/server.ts, not a 500
// or an empty body: methods no route answers, a malformed Host, a malformed
// percent-escape in the path, a request line Node's parser refuses.

let m: Merchant;
beforeAll(async () => {
  m = await newMerchant('front-door');
});

/** One raw HTTP exchange (fetch cannot send a bad Host or TRACE): status line, headers, body. */
function raw(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { port } = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(request);
  });
}

const request = (line: string, headers: string[] = ['Host: 127.0.0.1']) => `${line}\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`;

describe('the front door', () => {
  it('answers TRACE, CONNECT-like and unknown methods with a 405 JSON error', async () => {
    for (const line of ['TRACE /api/v1/detections HTTP/1.1', 'TRACE /api/auth/get-session HTTP/1.1', 'PROPFIND / HTTP/1.1']) {
      const res = await raw(request(line));
      expect([res.status, res.headers['content-type'], JSON.parse(res.body).error.code], line).toEqual([405, 'application/json', 'method_not_allowed']);
      expect(res.headers.allow).toContain('GET');
    }
  });

  it('answers a malformed Host with a 400 JSON error, on the stream too', async () => {
    for (const host of ['a b', '[::1', 'a%zz']) {
      const res = await raw(request('GET /api/v1/events HTTP/1.1', [`Host: ${host}`, `Cookie: ${m.session.cookieHeader}`]));
      expect([res.status, res.headers['content-type'], JSON.parse(res.body).error], host).toEqual([400, 'application/json', { code: 'bad_request', message: 'The Host header is malformed.', field: 'host' }]);
    }
  });

  it('answers %zz in a path with a 400 JSON error', async () => {
    for (const path of ['/api/v1/%zz', '/api/v1/detections/%zz', '/%zz', '/api/v1/even%zz']) {
      const res = await raw(request(`GET ${path} HTTP/1.1`, ['Host: 127.0.0.1', `Cookie: ${m.session.cookieHeader}`]));
      expect([res.status, JSON.parse(res.body).error.code], path).toEqual([400, 'bad_request']);
    }
  });

  it("answers what Node's parser refuses with a 400 JSON error", async () => {
    const res = await raw('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n');
    expect([res.status, res.headers['content-type'], JSON.parse(res.body).error.code]).toEqual([400, 'application/json', 'bad_request']);
  });

  it('still serves the stream under an escaped spelling of its path, from the lean handler', async () => {
    const res = await raw(request('HEAD /api/v1/%65vents HTTP/1.1', ['Host: 127.0.0.1', `Cookie: ${m.session.cookieHeader}`]));
    expect([res.status, res.headers.allow]).toEqual([405, 'GET']);
  });

  it('answers an /api path that no route serves with a JSON 404, whatever the method', async () => {
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/v1/transaction'], ['DELETE', '/api/v2/detections/1']]) {
      const res = await fetch(`${BASE_URL}${path}`, { method, headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect([res.status, res.headers.get('content-type')], `${method} ${path}`).toEqual([404, 'application/json']);
      expect((await res.json()).error).toMatchObject({ code: 'not_found', message: expect.stringContaining(path) });
    }
  });
});
