import type { TPermission } from '@/lib/orgs/permissions';

// The organization's settings pages, as the /settings page lists them. Each
// section names the permission that manages it: the list shows every section
// to everyone (reading is allowed), and each page says which role may change it.

export type TSettingsSection = { href: string; title: string; description: string; manage: TPermission };

export const SETTINGS_SECTIONS: readonly TSettingsSection[] = [
  { href: '/settings/api-keys', title: 'API keys', description: 'Keys your backend uses to send payment attempts and outcomes to Orylo.', manage: 'api-keys.manage' },
  { href: '/settings/webhooks', title: 'Webhooks', description: 'Signed HTTP calls to your systems when payments are scored, reviewed or labelled, attacks start or end, lists change.', manage: 'webhooks.manage' },
];
