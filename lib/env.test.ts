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
});
