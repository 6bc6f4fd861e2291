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

// Only owners and admins may even list the keys: the page says so if reached by URL.
const API_KEYS_LINK = { href: '/settings/api-keys', label: 'API keys' } as const;

const ADMIN_LINK = { href: '/admin', label: 'Admin' } as const;

export function Nav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const canManageKeys = useCan('api-keys.manage');
  const links = [...LINKS, ...(canManageKeys ? [API_KEYS_LINK] : []), ...(isAdmin ? [ADMIN_LINK] : [])];
  return (
    <nav className="nav" aria-label="Main">
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={pathname.startsWith(link.href) ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
