import { afterAll, describe, expect, it } from 'vitest';
import { OryloSession } from '@/scripts/lib/http-client';
import { BASE_URL, newMerchant, ownerSql, uniq } from '../helpers/env';
import { SseReader } from '../helpers/sse';

// Access is re-checked at least once per poll interval (1 s on the test
// server): a member removed from the org, or a signed-out session, loses
// its stream within about one interval.

const owner = ownerSql();
const readers: SseReader[] = [];
afterAll(async () => {
  readers.forEach((r) => r.close());
  await owner.end();
});

/** A second member of the owner's org, through the invitation flow. */
async function addMember(ownerSession: OryloSession, orgId: string) {
  const email = `${uniq('member')}@example.com`;
  const member = new OryloSession(BASE_URL);
  await member.signUp({ email, password: 'correct-horse-battery', name: 'Member' });
  // Stands in for clicking the verification link: invitations need a verified email.
  await owner`update "user" set email_verified = true where email = ${email}`;
  const invitation = await ownerSession.post('/api/auth/organization/invite-member', { email, role: 'member', organizationId: orgId });
  await member.post('/api/auth/organization/accept-invitation', { invitationId: invitation.id });
  await member.post('/api/auth/organization/set-active', { organizationId: orgId });
  return { member, email };
}

async function closedWithin(reader: SseReader, ms: number): Promise<number> {
  const started = Date.now();
  while (!reader.closed && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 50));
  return reader.closed ? Date.now() - started : Infinity;
}

describe('revocation', () => {
  it('a member removed from the organization has the stream closed within one interval', async () => {
    const o = await newMerchant('revoke-owner');
    const { member, email } = await addMember(o.session, o.orgId);
    const memberStream = await SseReader.open({ cookie: member.cookieHeader });
    const ownerStream = await SseReader.open({ cookie: o.session.cookieHeader });
    readers.push(memberStream, ownerStream);
    expect(memberStream.response.status).toBe(200);
    await memberStream.waitFor(() => memberStream.messages.length > 0, 5_000, 'connected');

    await o.session.post('/api/auth/organization/remove-member', { memberIdOrEmail: email, organizationId: o.orgId });
    expect(await closedWithin(memberStream, 2_500)).toBeLessThan(2_500);
    expect(ownerStream.closed).toBe(false);
    const again = await SseReader.open({ cookie: member.cookieHeader });
    readers.push(again);
    expect(again.response.status).toBe(403);
  });

  it('signing out closes the session\'s streams', async () => {
    const m = await newMerchant('revoke-signout');
    const stream = await SseReader.open({ cookie: m.session.cookieHeader });
    readers.push(stream);
    await stream.waitFor(() => stream.messages.length > 0, 5_000, 'connected');
    const cookie = m.session.cookieHeader;
    await m.session.post('/api/auth/sign-out', {});
    expect(await closedWithin(stream, 2_500)).toBeLessThan(2_500);
    const again = await SseReader.open({ cookie });
    readers.push(again);
    expect(again.response.status).toBe(401);
  });
});
