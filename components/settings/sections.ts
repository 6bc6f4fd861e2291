import type { TPermission } from '@/lib/orgs/permissions';

// The organization's settings pages, as the /settings page lists them. Each
// section names the permission that manages it: the list shows every section
// to everyone (reading is allowed), and each page says which role may change it.
// Titles and descriptions are in the settings catalog, under sections.<key>.

export type TSettingsSection = { href: string; key: 'audit' | 'apiKeys' | 'webhooks' | 'stripe' | 'team' | 'alerts'; manage: TPermission };

export const SETTINGS_SECTIONS: readonly TSettingsSection[] = [
  { href: '/settings/audit', key: 'audit', manage: 'read' },
  { href: '/settings/api-keys', key: 'apiKeys', manage: 'api-keys.manage' },
  { href: '/settings/webhooks', key: 'webhooks', manage: 'webhooks.manage' },
  { href: '/settings/stripe', key: 'stripe', manage: 'integrations.manage' },
  { href: '/settings/team', key: 'team', manage: 'team.manage' },
  { href: '/settings/alerts', key: 'alerts', manage: 'alerts.manage' },
];
