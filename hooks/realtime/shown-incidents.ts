// The attack toast is said once per incident. Every stream that opens while
// an incident is open is greeted with attack_started (so that a page loaded
// mid-attack learns of it), which would raise the urgent toast again on each
// reload and each reconnect. The ids already announced are remembered in
// sessionStorage: they survive a reload of the tab and go with it.

export const SHOWN_INCIDENTS_KEY = 'orylo:attack-toasts';
/** Enough for a bad day; the oldest are forgotten first. */
export const MAX_SHOWN_INCIDENTS = 50;

type TStorage = Pick<Storage, 'getItem' | 'setItem'>;

function sessionStore(): TStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled: remembered for this page only
  }
}

/** `firstTime(id)`: true the first time an incident (and `phase`) is seen in this tab, false after. */
export function createShownIncidents(storage: TStorage | null = sessionStore()) {
  let memory: string[] | null = null;
  const read = (): string[] => {
    if (memory) return memory;
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(SHOWN_INCIDENTS_KEY) ?? '[]');
      memory = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      memory = [];
    }
    return memory;
  };

  return {
    firstTime(id: string, phase: 'started' | 'ended'): boolean {
      const key = `${phase}:${id}`;
      const shown = read();
      if (shown.includes(key)) return false;
      memory = [...shown, key].slice(-MAX_SHOWN_INCIDENTS);
      try {
        storage?.setItem(SHOWN_INCIDENTS_KEY, JSON.stringify(memory));
      } catch {
        // Quota or privacy mode: still once per page.
      }
      return true;
    },
  };
}

export type TShownIncidents = ReturnType<typeof createShownIncidents>;
