import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OryloSession } from '@/scripts/lib/http-client';
import { uniq } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { startSmtpSink, type TSunkEmail } from '../helpers/smtp-sink';

// "Forgot your password?" end to end, through a real SMTP server: the link
// arrives in the language of the page that asked (its cookie, then
// Accept-Language), leads to /reset-password with a token, sets the new
// password once, and signs out every other session. An unknown address gets
// the same answer and no e-mail: the page tells no one who has an account.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let server: Awaited<ReturnType<typeof startExtraServer>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startExtraServer({ SMTP_URL: sink.url, MAIL_FROM: 'Orylo <team@orylo.test>' });
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

/** The reset e-mail to `address` (sign-up also sends a verification e-mail). */
async function emailTo(address: string, timeoutMs = 10_000): Promise<TSunkEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = sink.emails.find((e) => e.to.includes(address) && e.text.includes('/api/auth/reset-password/'));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${address}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ask = (email: string, headers: Record<string, string>) =>
  fetch(`${server.url}/api/auth/request-password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...headers },
    body: JSON.stringify({ email, redirectTo: '/reset-password' }),
  });

describe('password reset', () => {
  it('e-mails a link in the asker’s language; the link sets a new password once and ends the other sessions', async () => {
    const email = `${uniq('reset')}@example.com`;
    const old = new OryloSession(server.url);
    await old.signUp({ email, password: 'old-password-123', name: 'Ada' });
    expect((await old.fetch('/api/auth/get-session')).status).toBe(200);
    expect(await (await old.fetch('/api/auth/get-session')).json()).toMatchObject({ user: { email } });

    const asked = await ask(email, { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(asked.status, await asked.clone().text()).toBe(200);
    const mail = await emailTo(email);
    // The subject is MIME-encoded (accents): the body says it in plain French.
    expect(mail.text).toContain('Choisissez un nouveau mot de passe en ouvrant ce lien dans l’heure');
    const link = /https?:\/\/\S+\/api\/auth\/reset-password\/\S+/.exec(mail.text.replace(/=\r?\n/g, ''))?.[0];
    expect(link, mail.text).toBeTruthy();

    // The link goes through Better Auth to the page, with the token.
    const landing = await fetch(link!.replace(/=3D/g, '='), { redirect: 'manual' });
    expect(landing.status).toBe(302);
    const page = new URL(landing.headers.get('location')!, server.url);
    expect(page.pathname).toBe('/reset-password');
    const token = page.searchParams.get('token')!;
    expect(token).toBeTruthy();
    const html = await (await fetch(page, { headers: { 'accept-language': 'fr-FR' } })).text();
    expect(html).toContain('Choisir un nouveau mot de passe');

    const reset = (newPassword: string) =>
      fetch(`${server.url}/api/auth/reset-password`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ newPassword, token }) });
    expect((await reset('new-password-456')).status).toBe(200);
    // Once only.
    expect((await reset('third-password-789')).status).toBe(400);

    // The old password no longer signs in, the new one does, and the session from before is gone.
    const again = new OryloSession(server.url);
    await expect(again.signIn({ email, password: 'old-password-123' })).rejects.toThrow(/401/);
    await again.signIn({ email, password: 'new-password-456' });
    expect(await (await again.fetch('/api/auth/get-session')).json()).toMatchObject({ user: { email } });
    expect(await (await old.fetch('/api/auth/get-session')).json()).toBeNull();
  });

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const before = sink.emails.length;
    const unknown = `${uniq('nobody')}@example.com`;
    const res = await ask(unknown, { 'accept-language': 'en-US' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: true, message: 'If this email exists in our system, check your email for the reset link' });
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.emails.slice(before).filter((e) => e.to.includes(unknown))).toEqual([]);
  });

  it('writes the e-mail in English for an English page, whatever the browser asks, once English is chosen', async () => {
    const email = `${uniq('reset-en')}@example.com`;
    await new OryloSession(server.url).signUp({ email, password: 'old-password-123', name: 'Bo' });
    expect((await ask(email, { cookie: 'NEXT_LOCALE=en', 'accept-language': 'fr-FR' })).status).toBe(200);
    const mail = await emailTo(email);
    expect(mail.text).toContain('Subject: Reset your Orylo password');
    expect(mail.text).toContain('Choose a new password by opening this link within one hour');
  });
});
