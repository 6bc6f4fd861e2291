import { createHash, createHmac } from 'node:crypto';

// The app's runtime roles. SECURITY: the app connects as a role that is not
// a superuser and owns no table, so row-level security applies to every
// query it makes (FORCE RLS would not stop a superuser).
//
// Roles are cluster-wide in PostgreSQL, databases are not. The migrations
// grant everything to one NOLOGIN group role, APP_ROLE; each database gets
// its own LOGIN role, a member of it, with a password derived from that
// instance's secret and allowed to connect to that database only. Two Orylo
// databases on one server (staging and production, say) then neither reset
// each other's password nor reach each other's data.
export const APP_ROLE = 'orylo_app';

/** The database a PostgreSQL URL names (PostgreSQL's default: the user's name). */
export function databaseOf(url: string): string {
  const u = new URL(url);
  return decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
}

/**
 * The login role of one database: `orylo_app_<database>`, readable in
 * pg_stat_activity, with a short digest when the name had to be changed to
 * fit an identifier (lower case letters, digits and _, 63 bytes at most).
 */
export function appLoginRole(database: string): string {
  const safe = database.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40);
  if (safe === database) return `${APP_ROLE}_${safe}`;
  return `${APP_ROLE}_${safe}_${createHash('sha256').update(database).digest('hex').slice(0, 8)}`;
}

/** A login role's password, derived from the auth secret so there is nothing extra to configure. */
export function appRolePassword(secret: string, database: string): string {
  return createHmac('sha256', secret).update(`orylo:db:app-role:${database}`).digest('hex');
}

/** The owner URL with this database's login role and password swapped in. */
export function deriveAppUrl(ownerUrl: string, secret: string): string {
  const database = databaseOf(ownerUrl);
  const url = new URL(ownerUrl);
  url.username = appLoginRole(database);
  url.password = appRolePassword(secret, database);
  return url.toString();
}
