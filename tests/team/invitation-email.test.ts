import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OryloSession } from '@/scripts/lib/http-client';
import { ownerSql, uniq } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { startSmtpSink, type TSunkEmail } from '../helpers/smtp-sink';
import { newEmail, org, team } from './helpers';

// The invitation travels by e-mail through a real SMTP server, and its link
// is the way in: GET the page it names, then accept through Better Auth with
// the invited person's own (new) session. A second server requires verified
// addresses: the invited person signs up from the page, follows the
// verification link, lands back on the invitation and accepts.

const owner = ownerSql();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let server: Awaited<ReturnType<typeof startExtraServer>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startExtraServer({ SMTP_URL: sink.url, MAIL_FROM: 'Orylo <team@orylo.test>' });
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await sink?.stop();
  await owner.end();
});

async function emailTo(address: string, subject: RegExp, timeoutMs = 10_000): Promise<TSunkEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = sink.emails.find((e) => e.to.includes(address) && subject.test(e.text));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${address} matching ${subject}; got ${sink.emails.map((e) => e.to.join(',')).join(' ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function merchantOn(baseUrl: string, label: string) {
  const session = new OryloSession(baseUrl);
  const email = `${uniq(label)}@example.com`;
  await session.signUp({ email, password: 'correct-horse-battery', name: 'Ada Owner' });
  const org = await session.createOrganization(`Shop ${label}`, uniq(label).toLowerCase());
  return { session, email, orgId: org.id, orgName: `Shop ${label}` };
}

describe('the invitation e-mail', () => {
  it('arrives with the link; following it, a brand-new user joins with the invited role and the org active', async () => {
    const o = await merchantOn(server.url, 'mail');
    const invitee = newEmail('new-analyst');
    const created = await org(o.session, 'invite-member', { email: invitee, role: 'analyst', organizationId: o.orgId });
    expect(created.status).toBe(200);

    const mail = await emailTo(invitee, /Subject: Ada Owner invited you to Shop mail/);
    expect(mail.text).toMatch(/From: Orylo <team@orylo\.test>/i);
    expect(mail.text).toContain(`Ada Owner (${o.email}) invited you to join ${o.orgName} on Orylo as an analyst.`);
    expect(mail.text).toMatch(/The invitation expires on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const link = mail.text.match(/https?:\/\/\S+\/invitations\/[\w-]+/)?.[0];
    expect(link, mail.text).toBe(`${server.url}/invitations/${created.body.id}`);

    // Signed out, the page names the org, the inviter and the role, and offers to create the account.
    const visitor = new OryloSession(server.url);
    const page = await visitor.fetch(new URL(link!).pathname);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(o.orgName);
    expect(html).toContain(o.email);
    expect(html).toContain('an analyst');
    expect(html).toContain('invitation-sign-up');

    await visitor.signUp({ email: invitee, password: 'correct-horse-battery', name: 'Newcomer' });
    const signedIn = await (await visitor.fetch(new URL(link!).pathname)).text();
    expect(signedIn).toContain('accept-invitation');
    const accepted = await org(visitor, 'accept-invitation', { invitationId: created.body.id });
    expect(accepted.status).toBe(200);

    const session = await visitor.json('/api/auth/get-session');
    expect(session.session.activeOrganizationId).toBe(o.orgId);
    const mine = (await team(visitor)).body;
    expect(mine.you.role).toBe('analyst');
    expect((await visitor.fetch('/api/v1/detections')).status).toBe(200);
    // The link is used up.
    expect(await (await visitor.fetch(new URL(link!).pathname)).text()).toContain('already been used');
  });

  it('Resend sends the same link again with a new week', async () => {
    const o = await merchantOn(server.url, 'resend');
    const invitee = newEmail('resent');
    const created = (await org(o.session, 'invite-member', { email: invitee, role: 'viewer', organizationId: o.orgId })).body;
    await emailTo(invitee, /invited you/);
    const again = await org(o.session, 'invite-member', { email: invitee, role: 'viewer', organizationId: o.orgId, resend: true });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.id);
    const deadline = Date.now() + 10_000;
    while (sink.emails.filter((e) => e.to.includes(invitee)).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const mails = sink.emails.filter((e) => e.to.includes(invitee));
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain(`/invitations/${created.id}`);
  });
});

describe('with REQUIRE_EMAIL_VERIFICATION=1', () => {
  let strict: Awaited<ReturnType<typeof startExtraServer>>;
  beforeAll(async () => {
    strict = await startExtraServer({ SMTP_URL: sink.url, REQUIRE_EMAIL_VERIFICATION: '1' });
  }, 90_000);
  afterAll(() => strict?.stop());

  /** Follows the verification link of the e-mail to `address` with `session`; returns where it redirected. */
  async function verify(session: OryloSession, address: string): Promise<string | null> {
    const mail = await emailTo(address, /Confirm your e-mail address/);
    const link = mail.text.match(/https?:\/\/\S+verify-email\?token=[\w.-]+\S*/)?.[0];
    expect(link, mail.text).toBeDefined();
    const res = await session.fetch(link!.replace(/^https?:\/\/[^/]+/, ''));
    expect(res.status).toBeLessThan(400);
    return res.headers.get('location');
  }

  it('a new user signs up from the invitation, verifies, comes back to it and accepts', async () => {
    const o = new OryloSession(strict.url);
    const ownerEmail = newEmail('strict-owner');
    await o.signUp({ email: ownerEmail, password: 'correct-horse-battery', name: 'Strict Owner' });
    await verify(o, ownerEmail);
    const created = await o.createOrganization('Strict shop', uniq('strict').toLowerCase());

    const invitee = newEmail('strict-invitee');
    const invitation = (await org(o, 'invite-member', { email: invitee, role: 'admin', organizationId: created.id })).body;
    await emailTo(invitee, /invited you/);

    // What the page's sign-up sends: no session until the address is verified.
    const visitor = new OryloSession(strict.url);
    const here = `/invitations/${invitation.id}`;
    const signUp = await visitor.post('/api/auth/sign-up/email', { email: invitee, password: 'correct-horse-battery', name: 'Careful', callbackURL: here });
    expect(signUp.token).toBeNull();
    expect((await visitor.fetch('/api/auth/get-session').then((r) => r.json()))).toBeNull();

    const back = await verify(visitor, invitee);
    expect(back).toBe(here);
    expect(await (await visitor.fetch(here)).text()).toContain('accept-invitation');
    expect((await org(visitor, 'accept-invitation', { invitationId: invitation.id })).status).toBe(200);
    expect((await team(visitor)).body.you.role).toBe('admin');
  });
});
