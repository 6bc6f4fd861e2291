'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useInviteMember } from '@/hooks/use-team';
import type { TOrgRole } from '@/lib/orgs/permissions';
import { assignableBy } from '@/lib/team/rules';
import { useRoleSummary } from './use-role-summary';

/** Invite by e-mail with a role; the owner role is offered to owners only (the server refuses it to others anyway). */
export function InviteForm({ orgId, role }: { orgId: string; role: TOrgRole }) {
  const t = useTranslations('team');
  const roleSummary = useRoleSummary();
  const id = useId();
  const roles = assignableBy(role);
  const [email, setEmail] = useState('');
  const [invitedRole, setInvitedRole] = useState<TOrgRole>('analyst');
  const invite = useInviteMember(orgId);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role: invitedRole }, { onSuccess: () => setEmail('') });
  };

  return (
    <form onSubmit={onSubmit} className="form" data-testid="invite-form">
      <div style={{ display: 'flex', gap: 10, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 260px' }}>
          <Field label={t('invite.email')} name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder={t('invite.emailPlaceholder')} maxLength={254} required autoComplete="off" />
        </div>
        <div className="field" style={{ flex: '0 0 160px' }}>
          <label htmlFor={`${id}-role`}>{t('invite.role')}</label>
          <select id={`${id}-role`} name="role" className="select" value={invitedRole} onChange={(e) => setInvitedRole(e.target.value as TOrgRole)} data-testid="invite-role">
            {roles.map((r) => (
              <option key={r} value={r}>
                {t('role', { role: r })}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="primary" disabled={invite.isPending || !email.trim()} data-testid="invite-submit">
          {invite.isPending ? t('invite.pending') : t('invite.submit')}
        </Button>
      </div>
      <ul className="hint" data-testid="role-help" style={{ margin: 0, paddingLeft: 18 }}>
        {roles.map((r) => (
          <li key={r} style={{ fontWeight: r === invitedRole ? 600 : undefined }}>
            {t.rich('invite.help', { role: t('role', { role: r }), summary: roleSummary(r), b: (chunks) => <strong>{chunks}</strong> })}
          </li>
        ))}
      </ul>
    </form>
  );
}
