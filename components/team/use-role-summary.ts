'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { TOrgRole, TPermission } from '@/lib/orgs/permissions';
import { roleAdds } from '@/lib/team/rules';

/** A permission's catalog key: next-intl reads dots as nesting. */
export const permissionKey = (p: TPermission) => p.replace(/[.-]/g, '_') as keyof IntlMessages['team']['permissions'];
type IntlMessages = import('@/messages').TMessages;

/**
 * lib/team/rules.ts's roleSummary in the reader's language: what the role may
 * do that the role below may not, read from the permission table so it never
 * drifts from what the API enforces (a unit test checks the English matches).
 */
export function useRoleSummary(): (role: TOrgRole) => string {
  const t = useTranslations('team');
  return useCallback(
    (role: TOrgRole) => {
      if (role === 'viewer' || role === 'owner') return t(`roleSummary.${role}`);
      const { below, permissions } = roleAdds(role);
      const extra = permissions.map((p) => t(`permissions.${permissionKey(p)}`));
      return t('roleSummary.more', { below, extra: extra.join(', ') });
    },
    [t],
  );
}
