// The API key secret is shown once at creation. This tab keeps the last one in
// sessionStorage (gone when the tab closes) so the empty state's curl command
// can be copied ready to run. Scoped by org so one org's key never shows in another.

const storageKey = (orgId: string) => `orylo:last-api-key:${orgId}`;

export function rememberApiKey(orgId: string, key: string): void {
  try {
    sessionStorage.setItem(storageKey(orgId), key);
  } catch {
    /* storage disabled: the placeholder stays */
  }
}

export function recallApiKey(orgId: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(orgId));
  } catch {
    return null;
  }
}

export function forgetApiKey(orgId: string): void {
  try {
    sessionStorage.removeItem(storageKey(orgId));
  } catch {
    /* nothing to forget */
  }
}
