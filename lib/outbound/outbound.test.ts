import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { isPublicAddress } from './address';
import { postJson } from './post';
import { parseTargetUrl } from './url-guard';

// The outbound rule (DESIGN, "Outbound webhooks"): public https targets only,
// unless WEBHOOK_ALLOW_PRIVATE=1; and one POST that reports instead of throwing.

const withPrivate = (allowed: boolean) => {
  process.env.WEBHOOK_ALLOW_PRIVATE = allowed ? '1' : '0';
  resetEnvCache();
};
afterEach(() => withPrivate(false));

describe('isPublicAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1', '192.0.2.1', 'not-an-ip'])(
    '%s is not public',
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => expect(isPublicAddress(address)).toBe(true));
});

describe('parseTargetUrl', () => {
  it.each([
    ['http://hooks.example.com/x', 'Must use https'],
    ['https://127.0.0.1/x', 'private, loopback or reserved'],
    ['https://[::1]/x', 'private, loopback or reserved'],
    ['https://169.254.169.254/latest/meta-data', 'private, loopback or reserved'],
    ['https://localhost/x', 'not a public host name'],
    ['https://intranet/x', 'not a public host name'],
    ['https://user:pw@hooks.example.com/', 'user name or password'],
    ['hooks.example.com', 'absolute URL'],
  ])('refuses %s', (raw, message) => expect(() => parseTargetUrl(raw, 'url')).toThrow(message));

  it('accepts a public https URL, and http or loopback only with WEBHOOK_ALLOW_PRIVATE=1', () => {
    expect(parseTargetUrl('https://hooks.example.com/orylo', 'url').href).toBe('https://hooks.example.com/orylo');
    withPrivate(true);
    expect(parseTargetUrl('http://127.0.0.1:4000/hook', 'url').port).toBe('4000');
  });
});

describe('postJson against a real local server', () => {
  let server: Server;
  let base = '';
  const seen: { headers: Record<string, unknown>; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        if (req.url === '/slow') return; // never answers
        res.statusCode = req.url === '/fail' ? 500 : 200;
        res.end(req.url === '/fail' ? 'broken' : 'ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is refused at connection time when private targets are not allowed, even if the URL got past the save', async () => {
    const result = await postJson(new URL(`${base.replace('127.0.0.1', 'localhost')}/ok`), '{}', {}, { timeoutMs: 2_000 });
    expect(result).toMatchObject({ ok: false, status: null, error: 'EPRIVATEADDRESS' });
    expect(seen).toHaveLength(0);
  });

  it('reports success, an error status and a timeout, each with its duration', async () => {
    withPrivate(true);
    const ok = await postJson(new URL(`${base}/ok`), '{"a":1}', { 'x-test': 'y' }, { timeoutMs: 2_000 });
    expect(ok).toMatchObject({ ok: true, status: 200, error: null, responseSnippet: 'ok' });
    expect(seen.at(-1)).toMatchObject({ body: '{"a":1}', headers: { 'x-test': 'y', 'content-type': 'application/json' } });
    const failed = await postJson(new URL(`${base}/fail`), '{}', {}, { timeoutMs: 2_000 });
    expect(failed).toMatchObject({ ok: false, status: 500, error: 'HTTP 500', responseSnippet: 'broken' });
    const slow = await postJson(new URL(`${base}/slow`), '{}', {}, { timeoutMs: 300 });
    expect(slow).toMatchObject({ ok: false, status: null, error: 'timeout after 300 ms' });
    expect(slow.durationMs).toBeGreaterThanOrEqual(290);
  });
});
