'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/review', label: 'Review' },
  { href: '/attacks', label: 'Incidents' },
  { href: '/settings/rules', label: 'Rules' },
  { href: '/settings/audit', label: 'Audit log' },
  { href: '/settings/api-keys', label: 'API keys' },
] as const;

const ADMIN_LINK = { href: '/admin', label: 'Admin' } as const;

export function Nav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const links = isAdmin ? [...LINKS, ADMIN_LINK] : LINKS;
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
