'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/dashboard', label: 'dashboard' },
  { href: '/review', label: 'review' },
  { href: '/attacks', label: 'incidents' },
  { href: '/settings/rules', label: 'rules' },
] as const;

// API keys, the audit log, webhooks, alerts, Stripe, the team (components/settings/sections.ts):
// one link, so the header still fits a laptop's width.
const SETTINGS_LINK = { href: '/settings', label: 'settings' } as const;

const ADMIN_LINK = { href: '/admin', label: 'admin' } as const;

export function Nav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const t = useTranslations('shell.nav');
  const links = [...LINKS, SETTINGS_LINK, ...(isAdmin ? [ADMIN_LINK] : [])];
  return (
    <nav className="nav" aria-label={t('label')}>
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={isCurrent(pathname, link.href) ? 'page' : undefined}>
          {t(link.label)}
        </Link>
      ))}
    </nav>
  );
}

/** Settings is current on its sections too, except Rules, which has a header link of its own. */
const isCurrent = (pathname: string, href: string) =>
  href === '/settings' ? pathname === href || (pathname.startsWith('/settings/') && !LINKS.some((l) => pathname.startsWith(l.href))) : pathname.startsWith(href);
