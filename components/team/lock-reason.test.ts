import { describe, expect, it } from 'vitest';
import type { TTeamMemberView } from '@/lib/team/team';
import { lockReason } from './members-table';

const member = (userId: string, role: TTeamMemberView['role']): TTeamMemberView => ({ id: `m-${userId}`, userId, name: userId, email: `${userId}@x.test`, role, joinedAt: '2026-01-01T00:00:00.000Z' });

describe('the team page says why a row cannot be changed, as the server would', () => {
  it('yourself, an owner for an admin, the last owner', () => {
    expect(lockReason({ viewer: { userId: 'a', role: 'admin' }, member: member('a', 'admin'), ownerCount: 1 })).toBe('self');
    expect(lockReason({ viewer: { userId: 'a', role: 'admin' }, member: member('o', 'owner'), ownerCount: 2 })).toBe('ownerOnly');
    expect(lockReason({ viewer: { userId: 'o2', role: 'owner' }, member: member('o', 'owner'), ownerCount: 1 })).toBe('lastOwner');
    expect(lockReason({ viewer: { userId: 'o2', role: 'owner' }, member: member('o', 'owner'), ownerCount: 2 })).toBeNull();
    expect(lockReason({ viewer: { userId: 'a', role: 'admin' }, member: member('b', 'admin'), ownerCount: 1 })).toBeNull();
  });
});
