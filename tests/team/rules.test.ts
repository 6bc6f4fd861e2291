import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OryloSession } from '@/scripts/lib/http-client';
import { BASE_URL, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';
import { insertDetection, postReview } from '../reviews/helpers';
import { join, newEmail, org, team, type TTeamMate } from './helpers';

// Orylo's team rules (README, "Team") against Better Auth's own endpoints,
// called directly with real sessions: what the settings page does, and what
// anyone could send without it.

const owner = ownerSql();
let m: Merchant;
let ownerMemberId: string;
let admin: TTeamMate;
let analyst: TTeamMate;
let viewer: TTeamMate;
const readers: SseReader[] = [];

beforeAll(async () => {
  m = await newMerchant('team');
  admin = await join(m, 'admin');
  analyst = await join(m, 'analyst');
  viewer = await join(m, 'viewer');
  ownerMemberId = (await team(m.session)).body.members.find((x: { email: string }) => x.email === m.email).id;
}, 90_000);
afterAll(async () => {
  readers.forEach((r) => r.close());
  await owner.end();
});

const roleOf = async (memberId: string) => (await owner`select role from member where id = ${memberId}`)[0]?.role ?? null;
const invitationStatus = async (id: string) => (await owner`select status from invitation where id = ${id}`)[0]?.status;

/** A 403 from Orylo's rules: the contract's shape, a message a person can act on. */
function expectRefused(res: { status: number; body: any }, message: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
  expect(res.body.error.message).toMatch(message);
}

describe('inviting', () => {
  it('analysts and viewers may not invite; admins may, but not as owner; owners may invite owners', async () => {
    expectRefused(await org(analyst.session, 'invite-member', { email: newEmail(), role: 'viewer', organizationId: m.orgId }), /needs the admin or owner role.*you are analyst/);
    expectRefused(await org(viewer.session, 'invite-member', { email: newEmail(), role: 'viewer', organizationId: m.orgId }), /you are viewer/);
    expectRefused(await org(admin.session, 'invite-member', { email: newEmail(), role: 'owner', organizationId: m.orgId }), /Only an owner/);
    // One role per person: a list (Better Auth stores several) is refused before anything is written.
    expect((await org(admin.session, 'invite-member', { email: newEmail(), role: ['admin', 'owner'], organizationId: m.orgId })).status).toBe(400);
    expect((await org(admin.session, 'invite-member', { email: newEmail(), role: 'admin', organizationId: m.orgId })).status).toBe(200);
    expect((await org(m.session, 'invite-member', { email: newEmail(), role: 'owner', organizationId: m.orgId })).status).toBe(200);
    const unknown = await org(m.session, 'invite-member', { email: newEmail(), role: 'superuser', organizationId: m.orgId });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('role');
  });

  it('admins see pending invitations without the owner ones; viewers and analysts see members only', async () => {
    const ownerInvite = await org(m.session, 'invite-member', { email: newEmail('future-owner'), role: 'owner', organizationId: m.orgId });
    const asAdmin = await team(admin.session);
    expect(asAdmin.body.invitations.map((i: { id: string }) => i.id)).not.toContain(ownerInvite.body.id);
    expect(asAdmin.body.invitations.length).toBeGreaterThan(0);
    expect((await team(m.session)).body.invitations.map((i: { id: string }) => i.id)).toContain(ownerInvite.body.id);
    for (const s of [viewer.session, analyst.session]) {
      const res = await team(s);
      expect(res.status).toBe(200);
      expect(res.body.invitations).toBeNull();
      expect(res.body.members.map((x: { email: string }) => x.email)).toEqual(expect.arrayContaining([m.email, admin.email, analyst.email, viewer.email]));
    }
    // Better Auth's own listing agrees for the analyst: no invitation ids.
    expect((await analyst.session.fetch(`/api/auth/organization/list-invitations?organizationId=${m.orgId}`)).status).toBe(403);
  });
});

describe('revoking', () => {
  it('only admins and owners revoke; an owner invitation only an owner; a revoked invitation cannot be accepted', async () => {
    const email = newEmail('revoked');
    const invitation = (await org(m.session, 'invite-member', { email, role: 'analyst', organizationId: m.orgId })).body;
    expectRefused(await org(analyst.session, 'cancel-invitation', { invitationId: invitation.id }), /you are analyst/);
    expectRefused(await org(viewer.session, 'cancel-invitation', { invitationId: invitation.id }), /you are viewer/);
    expect(await invitationStatus(invitation.id)).toBe('pending');

    const forOwner = (await org(m.session, 'invite-member', { email: newEmail('owner-to-be'), role: 'owner', organizationId: m.orgId })).body;
    expectRefused(await org(admin.session, 'cancel-invitation', { invitationId: forOwner.id }), /Only an owner/);
    expect((await org(m.session, 'cancel-invitation', { invitationId: forOwner.id })).status).toBe(200);

    expect((await org(admin.session, 'cancel-invitation', { invitationId: invitation.id })).status).toBe(200);
    expect(await invitationStatus(invitation.id)).toBe('canceled');
    const invitee = new OryloSession(BASE_URL);
    await invitee.signUp({ email, password: 'correct-horse-battery', name: 'Late' });
    const accepted = await org(invitee, 'accept-invitation', { invitationId: invitation.id });
    expect(accepted.status).toBe(400);
    expect((await owner`select count(*)::int as n from member m join "user" u on u.id = m.user_id where u.email = ${email}`)[0].n).toBe(0);
    // The page says so.
    const page = await (await invitee.fetch(`/invitations/${invitation.id}`)).text();
    expect(page).toContain('This invitation was revoked');
  });

  it('an invitation cannot be accepted by another e-mail', async () => {
    const invitation = (await org(m.session, 'invite-member', { email: newEmail('intended'), role: 'admin', organizationId: m.orgId })).body;
    const stranger = new OryloSession(BASE_URL);
    const strangerEmail = newEmail('stranger');
    await stranger.signUp({ email: strangerEmail, password: 'correct-horse-battery', name: 'Stranger' });
    expect((await org(stranger, 'accept-invitation', { invitationId: invitation.id })).status).toBe(403);
    expect(await invitationStatus(invitation.id)).toBe('pending');
    const page = await (await stranger.fetch(`/invitations/${invitation.id}`)).text();
    expect(page).toContain('invitation-wrong-account');
    expect(page).toContain(invitation.email);
  });
});

describe('changing roles', () => {
  it('analysts and viewers change nobody; admins change others but not owners, not to owner, not themselves', async () => {
    const target = await join(m, 'analyst', 'Target');
    expectRefused(await org(analyst.session, 'update-member-role', { memberId: target.memberId, role: 'viewer', organizationId: m.orgId }), /you are analyst/);
    expectRefused(await org(viewer.session, 'update-member-role', { memberId: viewer.memberId, role: 'analyst', organizationId: m.orgId }), /you are viewer/);
    expectRefused(await org(admin.session, 'update-member-role', { memberId: ownerMemberId, role: 'admin', organizationId: m.orgId }), /Only an owner/);
    expectRefused(await org(admin.session, 'update-member-role', { memberId: target.memberId, role: 'owner', organizationId: m.orgId }), /Only an owner/);
    expectRefused(await org(admin.session, 'update-member-role', { memberId: admin.memberId, role: 'owner', organizationId: m.orgId }), /own role|Only an owner/);
    expectRefused(await org(admin.session, 'update-member-role', { memberId: admin.memberId, role: 'viewer', organizationId: m.orgId }), /own role/);
    expect(await roleOf(ownerMemberId)).toBe('owner');
    expect(await roleOf(admin.memberId)).toBe('admin');
    expect((await org(admin.session, 'update-member-role', { memberId: target.memberId, role: 'viewer', organizationId: m.orgId })).status).toBe(200);
    expect(await roleOf(target.memberId)).toBe('viewer');
  });

  it('the last owner can be neither demoted nor removed; with two owners, an owner demotes or removes the other', async () => {
    expectRefused(await org(m.session, 'update-member-role', { memberId: ownerMemberId, role: 'admin', organizationId: m.orgId }), /own role|last owner/);
    expectRefused(await org(m.session, 'remove-member', { memberIdOrEmail: ownerMemberId, organizationId: m.orgId }), /last owner/);
    expectRefused(await org(admin.session, 'remove-member', { memberIdOrEmail: m.email, organizationId: m.orgId }), /Only an owner/);

    const second = await join(m, 'admin', 'Second');
    expect((await org(m.session, 'update-member-role', { memberId: second.memberId, role: 'owner', organizationId: m.orgId })).status).toBe(200);
    expect(await roleOf(second.memberId)).toBe('owner');
    // An admin may not touch either owner; the second owner demotes the first and back.
    expectRefused(await org(admin.session, 'update-member-role', { memberId: second.memberId, role: 'viewer', organizationId: m.orgId }), /Only an owner/);
    expectRefused(await org(admin.session, 'remove-member', { memberIdOrEmail: second.memberId, organizationId: m.orgId }), /Only an owner/);
    expect((await org(second.session, 'update-member-role', { memberId: ownerMemberId, role: 'admin', organizationId: m.orgId })).status).toBe(200);
    // Now `second` is the last owner: the demoted first owner can do nothing about it.
    expectRefused(await org(m.session, 'update-member-role', { memberId: second.memberId, role: 'admin', organizationId: m.orgId }), /Only an owner/);
    expectRefused(await org(second.session, 'remove-member', { memberIdOrEmail: second.memberId, organizationId: m.orgId }), /last owner/);
    expect((await org(second.session, 'update-member-role', { memberId: ownerMemberId, role: 'owner', organizationId: m.orgId })).status).toBe(200);
    expect((await org(m.session, 'remove-member', { memberIdOrEmail: second.memberId, organizationId: m.orgId })).status).toBe(200);
    expect(await roleOf(second.memberId)).toBeNull();
    expect(await roleOf(ownerMemberId)).toBe('owner');
  });

  it('takes effect on the next request: an analyst demoted to viewer gets 403 on a review', async () => {
    const a = await join(m, 'analyst', 'Shift');
    const first = await insertDetection(owner, m);
    expect((await postReview(a.session, first.id, { action: 'approve' })).status).toBe(200);
    expect((await org(m.session, 'update-member-role', { memberId: a.memberId, role: 'viewer', organizationId: m.orgId })).status).toBe(200);
    const second = await insertDetection(owner, m);
    const refused = await postReview(a.session, second.id, { action: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('you are viewer');
  });
});

describe('removing', () => {
  it('viewers and analysts remove nobody; a removed member loses the API at once and their open stream', async () => {
    const leaving = await join(m, 'analyst', 'Leaving');
    expectRefused(await org(viewer.session, 'remove-member', { memberIdOrEmail: leaving.memberId, organizationId: m.orgId }), /you are viewer/);
    expectRefused(await org(analyst.session, 'remove-member', { memberIdOrEmail: leaving.email, organizationId: m.orgId }), /you are analyst/);
    expect((await leaving.session.fetch('/api/v1/detections')).status).toBe(200);
    const stream = await SseReader.open({ cookie: leaving.session.cookieHeader });
    readers.push(stream);
    expect(stream.response.status).toBe(200);
    await stream.waitFor(() => stream.messages.length > 0, 5_000, 'connected');

    expect((await org(admin.session, 'remove-member', { memberIdOrEmail: leaving.memberId, organizationId: m.orgId })).status).toBe(200);
    expect((await leaving.session.fetch('/api/v1/detections')).status).toBe(403);
    expect((await leaving.session.fetch('/api/v1/team')).status).toBe(403);
    // The stream re-checks access every poll (1 s on the test server).
    const deadline = Date.now() + 3_000;
    while (!stream.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stream.closed).toBe(true);
    const again = await SseReader.open({ cookie: leaving.session.cookieHeader });
    readers.push(again);
    expect(again.response.status).toBe(403);
  });
});

describe('leaving', () => {
  it('anyone may leave, except the last owner; the one who left loses the org, and it is audited', async () => {
    expectRefused(await org(m.session, 'leave', { organizationId: m.orgId }), /last owner/);
    expect(await roleOf(ownerMemberId)).toBe('owner');
    const quitter = await join(m, 'viewer', 'Quitter');
    expect((await org(quitter.session, 'leave', { organizationId: m.orgId })).status).toBe(200);
    expect(await roleOf(quitter.memberId)).toBeNull();
    expect((await quitter.session.fetch('/api/v1/detections')).status).toBe(403);
    const { entries } = await m.session.json('/api/v1/audit?action=team.leave&limit=50');
    expect(entries.find((e: any) => e.targetId === quitter.memberId)).toMatchObject({ actorEmail: quitter.email, before: { role: 'viewer' } });
  });
});

describe('the audit trail', () => {
  it('records invitations, revocations, role changes, joins and removals with who did them', async () => {
    const email = newEmail('audited');
    const invitation = (await org(admin.session, 'invite-member', { email, role: 'viewer', organizationId: m.orgId })).body;
    await org(admin.session, 'cancel-invitation', { invitationId: invitation.id });
    const mate = await join(m, 'analyst', 'Audited');
    await org(m.session, 'update-member-role', { memberId: mate.memberId, role: 'viewer', organizationId: m.orgId });
    await org(m.session, 'remove-member', { memberIdOrEmail: mate.memberId, organizationId: m.orgId });
    // A refused action writes nothing.
    await org(analyst.session, 'invite-member', { email: newEmail('refused'), role: 'viewer', organizationId: m.orgId });

    const { entries } = await m.session.json('/api/v1/audit?action=team&limit=200');
    const find = (action: string, pred: (e: any) => boolean) => entries.find((e: any) => e.action === action && pred(e));
    expect(find('team.invite', (e) => e.targetId === invitation.id)).toMatchObject({ actorEmail: admin.email, after: { email, role: 'viewer' } });
    expect(find('team.revoke', (e) => e.targetId === invitation.id)).toMatchObject({ actorEmail: admin.email });
    expect(find('team.join', (e) => e.after?.email === mate.email)).toMatchObject({ actorEmail: mate.email, after: { role: 'analyst' } });
    expect(find('team.role_change', (e) => e.targetId === mate.memberId)).toMatchObject({ actorEmail: m.email, before: { role: 'analyst' }, after: { role: 'viewer' } });
    expect(find('team.remove', (e) => e.targetId === mate.memberId)).toMatchObject({ actorEmail: m.email, before: { role: 'viewer' } });
    expect(entries.filter((e: any) => e.actorEmail === analyst.email && e.action === 'team.invite')).toEqual([]);
  });
});
