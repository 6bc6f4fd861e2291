import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appLoginRole, databaseOf } from '@/db/roles';
import { OWNER_URL } from '../helpers/env';

// SECURITY: the web server gets the runtime role's database URL only; the
// owner's (a superuser on the embedded database) stays with the launcher
// that migrates. scripts/test.ts starts the server the way `npm start` does
// (scripts/lib/database.ts, serverDatabaseEnv).

describe("the web server's environment", () => {
  it('holds the runtime role’s database URL and not the owner’s', () => {
    const pid = Number(process.env.ORYLO_SERVER_PID);
    expect(pid).toBeGreaterThan(0);
    const vars = Object.fromEntries(
      fs
        .readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(vars.DATABASE_URL ?? '').toBe('');
    expect(new URL(vars.DATABASE_APP_URL).username).toBe(appLoginRole(databaseOf(OWNER_URL)));
    const owner = new URL(OWNER_URL);
    const ownerCredentials = `${owner.username}${owner.password ? `:${owner.password}` : ''}@`;
    expect(Object.values(vars).some((v) => v.includes(ownerCredentials))).toBe(false);
  });
});
