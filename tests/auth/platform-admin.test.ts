import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OryloSession } from '@/scripts/lib/http-client';
import { ownerSql, uniq } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { startSmtpSink } from '../helpers/smtp-sink';

// ADMIN_EMAILS makes a platform admin only of whoever proves the address:
// signing up with it gives nothing; following the verification link, sent
// through a real SMTP server, gives the metrics; Better Auth's admin powers
// (impersonation, passwords, user lists) stay closed to everyone.

const owner = ownerSql();
const adminEmail = `${uniq('ops')}@example.com`;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let server: Awaited<ReturnType<typeof startExtraServer>>;
let session: OryloSession;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startExtraServer({ SMTP_URL: sink.url, MAIL_FROM: 'Orylo <alerts@orylo.test>', ADMIN_EMAILS: `someone@example.com, ${adminEmail.toUpperCase()}` });
  session = new OryloSession(server.url);
  await session.signUp({ email: adminEmail, password: 'correct-horse-battery', name: 'Ops' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await sink?.stop();
  await owner.end();
});

/** Better Auth's admin endpoints that must stay closed: impersonation, passwords, e-mail changes, user lists. */
async function adminPowers(): Promise<number[]> {
  const [{ id }] = await owner`select id from "user" where email = ${adminEmail}`;
  return Promise.all([
    session.fetch('/api/auth/admin/list-users').then((r) => r.status),
    session.fetch('/api/auth/admin/impersonate-user', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: id }) }).then((r) => r.status),
    session.fetch('/api/auth/admin/set-user-password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: id, newPassword: 'taken-over-123' }) }).then((r) => r.status),
    session.fetch('/api/auth/admin/update-user', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: id, data: { email: 'x@example.com' } }) }).then((r) => r.status),
  ]);
}

describe('platform admin', () => {
  it('an unverified ADMIN_EMAILS sign-up is no admin: 403 on the metrics and on every admin power', async () => {
    expect((await session.fetch('/api/admin/metrics')).status).toBe(403);
    expect((await session.fetch('/api/metrics')).status).toBe(403);
    for (const status of await adminPowers()) expect([401, 403]).toContain(status);
  });

  it('after the verification link from the e-mail, reads the metrics, and still has none of the powers', async () => {
    const deadline = Date.now() + 10_000;
    while (!sink.emails.some((e) => e.to.includes(adminEmail)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const email = sink.emails.find((e) => e.to.includes(adminEmail));
    expect(email, 'the verification e-mail').toBeDefined();
    expect(email!.text).toMatch(/From: Orylo <alerts@orylo\.test>/i);
    const link = email!.text.match(/https?:\/\/\S+verify-email\?token=[\w.-]+\S*/)?.[0];
    expect(link, email!.text).toBeDefined();
    const verified = await session.fetch(link!.replace(/^https?:\/\/[^/]+/, ''));
    expect(verified.status).toBeLessThan(400);

    const metrics = await session.fetch('/api/admin/metrics');
    expect(metrics.status).toBe(200);
    expect((await metrics.json()).sse).toHaveProperty('activeConnections');
    for (const status of await adminPowers()) expect([401, 403]).toContain(status);
    const [row] = await owner`select role, email_verified from "user" where email = ${adminEmail}`;
    expect(row).toEqual({ role: 'admin', email_verified: true });
  });

  it('npm run admin -- grant <email> makes an existing user an admin; an unknown address is an error', async () => {
    const other = `${uniq('operator')}@example.com`;
    await new OryloSession(server.url).signUp({ email: other, password: 'correct-horse-battery', name: 'Operator' });
    const run = (email: string) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'grant', email], { stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'silent' } });
        child.on('exit', (code) => resolve(code ?? 1));
      });
    expect(await run(other)).toBe(0);
    expect((await owner`select role from "user" where email = ${other}`)[0].role).toBe('admin');
    expect(await run(`${uniq('nobody')}@example.com`)).toBe(1);
  });
});
