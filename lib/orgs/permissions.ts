import { AppError } from '@/lib/errors';

// Who may do what in an organization: the one permission table the route
// wrapper enforces (README, "Roles"). Better Auth's default `member` role is an
// analyst: the person on shift who reviews and blocks.

export const ORG_ROLES = ['viewer', 'analyst', 'admin', 'owner'] as const;
export type TOrgRole = (typeof ORG_ROLES)[number];

const EVERYONE = ['viewer', 'analyst', 'admin', 'owner'] as const;
const ANALYSTS = ['analyst', 'admin', 'owner'] as const;
const MANAGERS = ['admin', 'owner'] as const;

/** Each action, the roles allowed it, and how a 403 names it. */
export const PERMISSIONS = {
  read: { roles: EVERYONE, what: 'reading the organization’s data' },
  review: { roles: ANALYSTS, what: 'reviewing a detection' },
  'outcomes.label': { roles: ANALYSTS, what: 'labelling a detection’s outcome' },
  export: { roles: ANALYSTS, what: 'exporting detections' },
  'lists.block': { roles: ANALYSTS, what: 'adding a block-list entry' },
  'thresholds.tighten': { roles: ANALYSTS, what: 'tightening the thresholds for a while' },
  'lists.allow': { roles: MANAGERS, what: 'adding an allow-list entry' },
  'lists.remove': { roles: MANAGERS, what: 'removing a list entry' },
  'rules.edit': { roles: MANAGERS, what: 'creating or editing rules' },
  // Read-only but a heavy query (lib/rules/backtest): not for viewers.
  'rules.backtest': { roles: ANALYSTS, what: 'testing a rule on past detections' },
  // One rule for one email, card, customer or device, for a while, audited (lib/rules/snooze).
  'rules.snooze': { roles: ANALYSTS, what: 'snoozing a rule for one customer' },
  'thresholds.change': { roles: MANAGERS, what: 'changing or loosening the thresholds' },
  'api-keys.manage': { roles: MANAGERS, what: 'managing API keys' },
  'views.save': { roles: ANALYSTS, what: 'saving a view' },
  'views.manage': { roles: MANAGERS, what: 'deleting a view someone else shared' },
  'webhooks.manage': { roles: MANAGERS, what: 'managing webhooks' },
  'alerts.manage': { roles: MANAGERS, what: 'managing alert channels' },
  'integrations.manage': { roles: MANAGERS, what: 'managing integrations (Stripe)' },
  'team.manage': { roles: MANAGERS, what: 'inviting members and changing or removing members' },
} as const satisfies Record<string, { roles: readonly TOrgRole[]; what: string }>;

export type TPermission = keyof typeof PERMISSIONS;

const RANK: Record<TOrgRole, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };

/**
 * A stored membership role as Orylo reads it: `member` is an analyst; a
 * comma-separated list (Better Auth allows several) counts as its highest
 * role; anything unknown is a viewer, never more.
 */
export function toOrgRole(stored: string): TOrgRole {
  const roles = stored.split(',').map((r) => r.trim());
  let best: TOrgRole = 'viewer';
  for (const raw of roles) {
    const role = raw === 'member' ? 'analyst' : (ORG_ROLES as readonly string[]).includes(raw) ? (raw as TOrgRole) : 'viewer';
    if (RANK[role] > RANK[best]) best = role;
  }
  return best;
}

export function can(role: TOrgRole, permission: TPermission): boolean {
  return (PERMISSIONS[permission].roles as readonly TOrgRole[]).includes(role);
}

/** 403 naming the role needed, unless `role` has `permission`. */
export function throwUnlessAllowed(role: TOrgRole, permission: TPermission): void {
  if (can(role, permission)) return;
  const { roles, what } = PERMISSIONS[permission];
  throw new AppError('forbidden', `${what[0].toUpperCase()}${what.slice(1)} needs the ${roles.join(' or ')} role in this organization; you are ${role}.`);
}
