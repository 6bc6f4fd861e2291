import { describe, expect, it } from 'vitest';
import { refuseMalformed } from './front-door';

const req = (method: string, url: string, host?: string) => ({ method, url, headers: host === undefined ? {} : { host } });
const code = (r: ReturnType<typeof refuseMalformed>) => (r ? `${r.error.status} ${r.error.code}` : null);

describe('the front door', () => {
  it('lets ordinary requests through', () => {
    for (const host of ['localhost:3000', '127.0.0.1', '[::1]:3000', 'orylo.example.com', 'a_b.internal', undefined]) {
      expect(code(refuseMalformed(req('GET', '/api/v1/events?lastEventId=1-2', host))), String(host)).toBeNull();
    }
    expect(code(refuseMalformed(req('POST', '/api/v1/lists/%61bc', 'x')))).toBeNull();
    // A query's escapes are the route's business (URLSearchParams reads %zz as it is).
    expect(code(refuseMalformed(req('GET', '/api/v1/events?x=%zz', 'x')))).toBeNull();
  });

  it('refuses TRACE, CONNECT and unknown methods with a 405 naming the methods it answers', () => {
    for (const method of ['TRACE', 'CONNECT', 'PROPFIND']) {
      const r = refuseMalformed(req(method, '/api/v1/detections', 'x'));
      expect(code(r)).toBe('405 method_not_allowed');
      expect(r?.headers?.Allow).toContain('GET');
    }
  });

  it('refuses a malformed Host or a malformed percent-escape in the path with a 400', () => {
    for (const host of ['a b', '[::1', 'a%zz', 'x:99999999', 'a/b', 'user@evil', '']) {
      expect(code(refuseMalformed(req('GET', '/api/v1/events', host))), host).toBe('400 bad_request');
    }
    expect(code(refuseMalformed(req('GET', '/api/v1/%zz', 'x')))).toBe('400 bad_request');
    expect(code(refuseMalformed(req('GET', '/%E0%A4%A', 'x')))).toBe('400 bad_request');
  });
});
