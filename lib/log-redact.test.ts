import { Writable } from 'node:stream';
import pino from 'pino';
import { drizzle } from 'drizzle-orm/postgres-js';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { serializeError } from './log-redact';

// A real failed query through Drizzle and postgres.js, logged the way the
// server logs it: the parameters must not appear anywhere in the line.

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('log redaction', () => {
  it('a failed query logs its SQL, never its parameters', async () => {
    const client = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
    const db = drizzle(client);
    const secret = 'jane.secret@example.com 4111-1111-1111-1111';
    let error: unknown;
    try {
      await db.execute(sql`select ${secret}::int as n, ${'203.0.113.9'}::inet as ip`);
    } catch (e) {
      error = e;
    } finally {
      await client.end();
    }
    expect(error).toBeDefined();
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    pino({ serializers: { err: serializeError } }, sink).error({ err: error }, 'request failed');
    const line = lines.join('');
    expect(line).toContain('select $1::int');
    expect(line).toContain('[redacted]');
    expect(line).not.toContain('jane.secret');
    expect(line).not.toContain('203.0.113.9');
  });
});
