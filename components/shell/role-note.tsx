'use client';

import { usePermissions } from '@/hooks/use-permissions';
import { PERMISSIONS, type TOrgRole, type TPermission } from '@/lib/orgs/permissions';

const PLURAL: Record<TOrgRole, string> = { viewer: 'Viewers', analyst: 'Analysts', admin: 'Admins', owner: 'Owners' };

/**
 * Where controls were hidden for the user's role: a short line saying so and
 * naming the least role that has them (from the permission table), so the
 * page does not look broken.
 */
export function RoleNote({ permission, cannot }: { permission: TPermission; cannot: string }) {
  const { role } = usePermissions();
  const needed = PERMISSIONS[permission].roles[0];
  return (
    <p className="muted" data-testid="role-note" data-permission={permission}>
      {PLURAL[role]} can&rsquo;t {cannot}. Ask an owner or admin of this organization for the {needed} role.
    </p>
  );
}
