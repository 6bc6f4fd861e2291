'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { authClient } from '@/lib/auth/client';

const NEW_ORG = '__new__';

/**
 * Switches the session's active organization. The server layout then
 * re-renders with the new org id and every org-scoped query key changes
 * with it (see AppShell for dropping the old org's cache).
 */
export function OrgSwitcher({ orgId }: { orgId: string }) {
  const router = useRouter();
  const orgs = authClient.useListOrganizations();
  const [pending, setPending] = useState(false);
  const t = useTranslations('shell.org');

  const onChange = async (value: string) => {
    if (value === NEW_ORG) return router.push('/onboarding');
    if (value === orgId) return;
    setPending(true);
    const { error } = await authClient.organization.setActive({ organizationId: value });
    setPending(false);
    if (error) {
      toast.error(t('switchFailed'), { description: error.message });
      return;
    }
    router.refresh();
  };

  const list = orgs.data ?? [];
  return (
    <label>
      <span className="sr-only">{t('label')}</span>
      <select
        className="select"
        data-testid="org-switcher"
        value={orgId}
        disabled={pending || orgs.isPending}
        onChange={(e) => void onChange(e.target.value)}
      >
        {list.length === 0 ? <option value={orgId}>{t('loading')}</option> : null}
        {list.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
        <option value={NEW_ORG}>{t('new')}</option>
      </select>
    </label>
  );
}
