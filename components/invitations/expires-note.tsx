'use client';

import { useTranslations } from 'next-intl';
import { useRoleSummary } from '@/components/team/use-role-summary';
import { useFormats } from '@/hooks/use-formats';
import type { TOrgRole } from '@/lib/orgs/permissions';

/** What the role may do and until when the invitation holds, in the reader's language and time zone. */
export function ExpiresNote({ role, expiresAt }: { role: TOrgRole; expiresAt: string }) {
  const t = useTranslations('invitations');
  const f = useFormats();
  const roleSummary = useRoleSummary();
  return (
    // The server renders the date in its own time zone, the browser in the reader's.
    <span className="hint" suppressHydrationWarning>
      {t('expires', { summary: roleSummary(role), date: f.dateTime(expiresAt) })}
    </span>
  );
}
