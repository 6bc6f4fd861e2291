import type { QueryKey } from '@tanstack/react-query';
import type { TDetectionFilters as TListFilterValues } from '@/lib/detections/filters';

// Every React Query key of the app, one factory per domain, so that a key is
// spelled in one place and a mutation can invalidate exactly a domain's prefix.
// Org-scoped keys are ['org', orgId, '<resource>', filters?]: switching
// organizations never shows one org's cached data under another, and
// orgKeys.all drops every org's at once (AppShell).

/** A page of the detections list: its size and the list's filters, parsed (lib/detections/filters.ts), so equal filters share one cache entry. */
export type TDetectionFilters = { limit: number } & TListFilterValues;
export type TListFilters = { includeExpired: boolean };
export type TAuditFilters = { action?: string };

export const orgKeys = {
  all: ['org'] as const,
  org: (orgId: string) => ['org', orgId] as const,
};

const resource = <TName extends string>(name: TName) => (orgId: string) => [...orgKeys.org(orgId), name] as const;

export const detectionKeys = {
  /** Every page of detections, whatever its filters: the stream writes into all of them. */
  all: resource('detections'),
  page: (orgId: string, filters: TDetectionFilters) => [...detectionKeys.all(orgId), filters] as const,
  /** The filters a cached page was fetched with (the key's last part). */
  filtersOf: (key: QueryKey): Partial<TDetectionFilters> => (key[3] ?? {}) as Partial<TDetectionFilters>,
  /**
   * A URL whose filters do not parse, asked of the API only for its 400
   * message. Not under `all`: it never holds rows for the stream to write into.
   */
  check: (orgId: string, search: string) => [...resource('detections-check')(orgId), search] as const,
};

/**
 * One detection and its related activity (the detection page and the drawer). Not under
 * detectionKeys.all: the stream writes pages of rows there, and these are not pages.
 */
export const detectionDetailKeys = {
  all: resource('detection'),
  detail: (orgId: string, id: string) => [...detectionDetailKeys.all(orgId), id] as const,
  related: (orgId: string, id: string) => [...detectionDetailKeys.detail(orgId, id), 'related'] as const,
};

export const statsKeys = {
  all: resource('stats'),
  // Not under `all`: the stream invalidates the counters on every batch; 15-minute bars need no such churn.
  history: (orgId: string, range: string) => [...resource('stats-history')(orgId), range] as const,
};

export const apiKeyKeys = { all: resource('api-keys') };

/** The organization's Stripe connection (status and recent events). */
export const stripeKeys = { all: resource('stripe') };

export const auditKeys = {
  all: resource('audit'),
  list: (orgId: string, filters: TAuditFilters) => [...auditKeys.all(orgId), filters] as const,
};

export const reviewKeys = { queue: resource('reviews') };

/** The REVIEW and BLOCK detections the notifications menu opens with (read once per tab and org). */
export const notificationKeys = { recent: resource('notifications') };

export const listKeys = {
  /** The rules page and the war room read the same entries: one prefix refreshes both. */
  all: resource('lists'),
  entries: (orgId: string, filters: TListFilters) => [...listKeys.all(orgId), filters] as const,
};

export const ruleKeys = {
  all: resource('rules'),
  // Not under `all`: saving a rule refetches the list, not every rule's counts.
  stats: (orgId: string, ruleId: string, window: string) => [...resource('rule-stats')(orgId), ruleId, window] as const,
};

/** Saved filter sets: mine and the ones shared with the organization (one list). */
export const viewKeys = { all: resource('views') };

export const thresholdKeys = { all: resource('thresholds') };

export const warRoomKeys = {
  all: resource('war-room'),
  /** The org's open incident, or null. */
  attack: (orgId: string) => [...warRoomKeys.all(orgId), 'attack'] as const,
  /** What this tab saw of the incident; never fetched. */
  timeline: (orgId: string) => [...warRoomKeys.all(orgId), 'timeline'] as const,
};

export const attackKeys = {
  /** The incident list and every incident's page. */
  all: resource('attacks'),
  list: (orgId: string) => [...attackKeys.all(orgId), 'list'] as const,
  detail: (orgId: string, id: string) => [...attackKeys.all(orgId), 'detail', id] as const,
};

/** Not under ['org', …]: the figures belong to the server instance, not to an organization. */
export const adminKeys = { metrics: ['admin', 'metrics'] as const };

/** Members and pending invitations of /settings/team: one prefix refreshes both after any change. */
export const teamKeys = { all: resource('team') };

/** Live rule snoozes (lib/snoozes): the detection view reads and changes them. */
export const snoozeKeys = { all: resource('snoozes') };
