'use client';

import { createContext, useContext, type ReactNode } from 'react';

// The active organization comes from the server layout's session check, so
// every org-scoped query key is known on first render (no session round-trip).
const OrgContext = createContext<string | null>(null);

export function OrgProvider({ orgId, children }: { orgId: string; children: ReactNode }) {
  return <OrgContext.Provider value={orgId}>{children}</OrgContext.Provider>;
}

export function useOrgId(): string {
  const orgId = useContext(OrgContext);
  if (!orgId) throw new Error('useOrgId must be used inside the signed-in app layout');
  return orgId;
}
