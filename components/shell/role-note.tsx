'use client';

import { useTranslations } from 'next-intl';
import { usePermissions } from '@/hooks/use-permissions';
import { PERMISSIONS, type TPermission } from '@/lib/orgs/permissions';

/**
 * Where controls were hidden for the user's role: a short line saying so and
 * naming the least role that has them (from the permission table), so the
 * page does not look broken.
 */
export function RoleNote({ permission, cannot }: { permission: TPermission; cannot: string }) {
  const { role } = usePermissions();
  const t = useTranslations('shell.roleNote');
  const needed = PERMISSIONS[permission].roles[0];
  return (
    <p className="muted" data-testid="role-note" data-permission={permission}>
      {t('text', { role, cannot, needed })}
    </p>
  );
}
