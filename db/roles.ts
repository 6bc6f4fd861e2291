import { createHmac } from 'node:crypto';

// The app's runtime role: LOGIN, not superuser, not the owner of any table, so
// row-level security applies to every query it makes (FORCE RLS would not stop
// a superuser).
export const APP_ROLE = 'orylo_app';

/** The runtime role's password, derived from the auth secret so there is nothing extra to configure. */
export function appRolePassword(secret: string): string {
  return createHmac('sha256', secret).update('orylo:db:app-role').digest('hex');
}

/** The owner URL with the runtime role's credentials swapped in. */
export function deriveAppUrl(ownerUrl: string, secret: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = appRolePassword(secret);
  return url.toString();
}
