import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

/** KEY=value lines of a dotenv file, as Next's loader (and most others) read them. */
function readDotenv(file: string): Record<string, string> {
  const entries = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(entries);
}

describe('environment', () => {
  it('.env.example copied to .env is valid: its empty values mean unset', () => {
    const example = readDotenv(path.join(import.meta.dirname, '..', '.env.example'));
    expect(Object.values(example)).toContain('');
    const e = parseEnv({ ...example, NODE_ENV: 'production' });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.BETTER_AUTH_SECRET).toBeUndefined();
    expect(e.REDIS_URL).toBeUndefined();
    expect(e.PORT).toBe(3000);
    expect(e.REALTIME_HEARTBEAT_MS).toBe(30_000);
  });

  it('every variable lib/env.ts reads is listed in .env.example', () => {
    const example = readDotenv(path.join(import.meta.dirname, '..', '.env.example'));
    const source = fs.readFileSync(path.join(import.meta.dirname, 'env.ts'), 'utf8');
    const read = [...source.matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]).filter((name) => name !== 'NODE_ENV');
    expect(read.length).toBeGreaterThan(20);
    expect(read.filter((name) => !(name in example))).toEqual([]);
  });

  it('still refuses a value that is set and wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('reads TRUSTED_PROXIES as IPs and CIDRs, IPv4 and IPv6, and refuses anything else', () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,FD00::/8, ::ffff:192.0.2.1' }).TRUSTED_PROXIES).toEqual([
      { address: '127.0.0.1', prefix: 32, family: 'ipv4' },
      { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
      { address: 'fd00::', prefix: 8, family: 'ipv6' },
      { address: '192.0.2.1', prefix: 32, family: 'ipv4' },
    ]);
    for (const bad of ['localhost', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0.0/x', '1.2.3']) {
      expect(() => parseEnv({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});
