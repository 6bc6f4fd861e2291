import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { assignableBy, parseAssignableRole, roleSummary, throwUnlessMayChangeRole, throwUnlessMayInvite, throwUnlessMayLeave, throwUnlessMayRemove, throwUnlessMayRevoke } from './rules';

const m = (id: string, role: string) => ({ id, userId: `u-${id}`, role });
const owner = m('o1', 'owner');
const owner2 = m('o2', 'owner');
const admin = m('a1', 'admin');
const analyst = m('an', 'analyst');
const viewer = m('v', 'viewer');

/** The message of the 403 `fn` throws, or null when it allows. */
function refusal(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(403);
    return (e as AppError).message;
  }
}

describe('team rules', () => {
  it('only admins and owners invite; the owner role only from an owner', () => {
    expect(refusal(() => throwUnlessMayInvite({ actor: owner, role: 'owner' }))).toBeNull();
    expect(refusal(() => throwUnlessMayInvite({ actor: admin, role: 'admin' }))).toBeNull();
    expect(refusal(() => throwUnlessMayInvite({ actor: admin, role: 'owner' }))).toMatch(/Only an owner/);
    expect(refusal(() => throwUnlessMayInvite({ actor: analyst, role: 'viewer' }))).toMatch(/needs the admin or owner role.*you are analyst/);
    expect(refusal(() => throwUnlessMayInvite({ actor: m('mb', 'member'), role: 'viewer' }))).toMatch(/you are analyst/);
    expect(refusal(() => throwUnlessMayInvite({ actor: viewer, role: 'viewer' }))).toMatch(/you are viewer/);
  });

  it('role changes: never your own, the owner role given and taken by owners only, the last owner stays', () => {
    const change = (actor: typeof owner, target: typeof owner, role: 'viewer' | 'analyst' | 'admin' | 'owner', ownerCount = 1) => refusal(() => throwUnlessMayChangeRole({ actor, target, role, ownerCount }));
    expect(change(admin, analyst, 'viewer')).toBeNull();
    expect(change(admin, m('a2', 'admin'), 'analyst')).toBeNull();
    expect(change(owner, admin, 'owner')).toBeNull();
    expect(change(owner, owner2, 'admin', 2)).toBeNull();
    expect(change(admin, analyst, 'owner')).toMatch(/Only an owner/);
    expect(change(admin, owner, 'admin', 2)).toMatch(/Only an owner/);
    expect(change(admin, admin, 'owner')).toMatch(/your own role/);
    expect(change(admin, admin, 'viewer')).toMatch(/your own role/);
    expect(change(owner, owner, 'admin', 2)).toMatch(/your own role/);
    expect(change(owner2, owner, 'admin', 1)).toMatch(/last owner/);
    expect(change(analyst, viewer, 'analyst')).toMatch(/you are analyst/);
  });

  it('removal: an owner only by an owner, never the last owner', () => {
    const remove = (actor: typeof owner, target: typeof owner, ownerCount = 1) => refusal(() => throwUnlessMayRemove({ actor, target, ownerCount }));
    expect(remove(admin, analyst)).toBeNull();
    expect(remove(owner, owner2, 2)).toBeNull();
    expect(remove(admin, owner, 2)).toMatch(/Only an owner/);
    expect(remove(owner, owner, 1)).toMatch(/last owner/);
    expect(remove(viewer, analyst)).toMatch(/you are viewer/);
  });

  it('leaving: anyone but the last owner', () => {
    expect(refusal(() => throwUnlessMayLeave({ actor: viewer, ownerCount: 1 }))).toBeNull();
    expect(refusal(() => throwUnlessMayLeave({ actor: owner, ownerCount: 2 }))).toBeNull();
    expect(refusal(() => throwUnlessMayLeave({ actor: owner, ownerCount: 1 }))).toMatch(/last owner/);
  });

  it('revoking: admins and owners; an owner invitation only by an owner', () => {
    expect(refusal(() => throwUnlessMayRevoke({ actor: admin, invitationRole: 'analyst' }))).toBeNull();
    expect(refusal(() => throwUnlessMayRevoke({ actor: admin, invitationRole: 'owner' }))).toMatch(/Only an owner/);
    expect(refusal(() => throwUnlessMayRevoke({ actor: owner, invitationRole: 'owner' }))).toBeNull();
    expect(refusal(() => throwUnlessMayRevoke({ actor: analyst, invitationRole: 'viewer' }))).toMatch(/you are analyst/);
  });

  it('one known role per request', () => {
    expect(parseAssignableRole('analyst')).toBe('analyst');
    expect(parseAssignableRole(['viewer'])).toBe('viewer');
    expect(parseAssignableRole(' member ')).toBe('member');
    for (const bad of ['admin,owner', ['viewer', 'owner'], 'superuser', '', 42, null]) expect(() => parseAssignableRole(bad)).toThrow(/role/);
  });

  it('offers each role what it may give, and explains every role from the permission table', () => {
    expect(assignableBy('owner')).toEqual(['viewer', 'analyst', 'admin', 'owner']);
    expect(assignableBy('admin')).toEqual(['viewer', 'analyst', 'admin']);
    expect(assignableBy('analyst')).toEqual([]);
    expect(roleSummary('analyst')).toMatch(/^Everything a viewer does, plus reviewing a detection/);
    expect(roleSummary('admin')).toMatch(/inviting members/);
    expect(roleSummary('admin')).not.toMatch(/reviewing a detection/);
  });
});
