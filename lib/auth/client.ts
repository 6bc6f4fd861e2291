import { adminClient, organizationClient } from 'better-auth/client/plugins';
import { createAuthClient } from 'better-auth/react';

// Same origin as the app, so no baseURL: cookies and the Origin header that
// Better Auth checks on POSTs come for free.
export const authClient = createAuthClient({
  plugins: [organizationClient(), adminClient()],
});

export type TClientSession = typeof authClient.$Infer.Session;
