'use client';

import { useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import { useRoleSummary } from '@/components/team/use-role-summary';
import { useFormats } from '@/hooks/use-formats';
import { formats } from '@/lib/format';
import type { TOrgRole } from '@/lib/orgs/permissions';

const noSubscribe = () => () => {};

/** What the role may do and until when the invitation holds, in the reader's language and time zone. */
export function ExpiresNote({ role, expiresAt }: { role: TOrgRole; expiresAt: string }) {
  const t = useTranslations('invitations');
  const f = useFormats();
  const roleSummary = useRoleSummary();
  // The server knows no reader's time zone: it writes the date in UTC and says so; once hydrated the
  // browser writes it in the reader's own zone (a second render, not a hydration mismatch).
  const inBrowser = useSyncExternalStore(noSubscribe, () => true, () => false);
  const date = inBrowser ? f.dateTime(expiresAt) : `${formats(f.locale, 'UTC').dateTime(expiresAt)} UTC`;
  return <span className="hint">{t('expires', { summary: roleSummary(role), date })}</span>;
}
