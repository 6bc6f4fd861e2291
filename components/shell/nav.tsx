'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCan } from '@/hooks/use-permissions';

const LINKS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/review', label: 'Review' },
  { href: '/attacks', label: 'Incidents' },
  { href: '/settings/rules', label: 'Rules' },
  { href: '/settings/audit', label: 'Audit log' },
] as const;

// Webhooks, alerts, Stripe, the team (components/settings/sections.ts).
const SETTINGS_LINK = { href: '/settings', label: 'Settings' } as const;

// Only owners and admins may even list the keys: the page says so if reached by URL.
const API_KEYS_LINK = { href: '/settings/api-keys', label: 'API keys' } as const;

const ADMIN_LINK = { href: '/admin', label: 'Admin' } as const;

export function Nav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const canManageKeys = useCan('api-keys.manage');
  const links = [...LINKS, ...(canManageKeys ? [API_KEYS_LINK] : []), SETTINGS_LINK, ...(isAdmin ? [ADMIN_LINK] : [])];
  return (
    <nav className="nav" aria-label="Main">
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={isCurrent(pathname, link.href) ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

/** /settings is current on its own page only: its sections have links of their own (Rules, Audit log, API keys). */
const isCurrent = (pathname: string, href: string) => (href === '/settings' ? pathname === href : pathname.startsWith(href));
