import type { TPermission } from '@/lib/orgs/permissions';

// The organization's settings pages, as the /settings page lists them. Each
// section names the permission that manages it: the list shows every section
// to everyone (reading is allowed), and each page says which role may change it.

export type TSettingsSection = { href: string; title: string; description: string; manage: TPermission };

export const SETTINGS_SECTIONS: readonly TSettingsSection[] = [
  { href: '/settings/audit', title: 'Audit log', description: 'Who changed what in this organization, and when: reviews, lists, rules, thresholds, keys, members.', manage: 'read' },
  { href: '/settings/api-keys', title: 'API keys', description: 'Keys your backend uses to send payment attempts and outcomes to Orylo.', manage: 'api-keys.manage' },
  { href: '/settings/webhooks', title: 'Webhooks', description: 'Signed HTTP calls to your systems when payments are scored, reviewed or labelled, attacks start or end, lists change.', manage: 'webhooks.manage' },
  { href: '/settings/stripe', title: 'Stripe', description: 'Disputes, early fraud warnings, refunds and failed payments from Stripe, as outcomes of your detections.', manage: 'integrations.manage' },
  { href: '/settings/team', title: 'Team', description: 'Invite people, change their roles, remove members and revoke invitations.', manage: 'team.manage' },
  { href: '/settings/alerts', title: 'Alerts', description: 'Slack and e-mail messages when a card-testing attack starts and ends, and when reviews pile up.', manage: 'alerts.manage' },
];
