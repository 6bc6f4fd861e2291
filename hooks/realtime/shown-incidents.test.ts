import { describe, expect, it } from 'vitest';
import { createShownIncidents, MAX_SHOWN_INCIDENTS, SHOWN_INCIDENTS_KEY } from './shown-incidents';

const memoryStorage = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
};

describe('shown incidents', () => {
  it('is true once per incident and phase, also for a page loaded again in the same tab', () => {
    const storage = memoryStorage();
    const first = createShownIncidents(storage);
    expect(first.firstTime('atk-1', 'started')).toBe(true);
    expect(first.firstTime('atk-1', 'started')).toBe(false);
    // A reload: a new page reads what the tab remembered.
    const reloaded = createShownIncidents(storage);
    expect(reloaded.firstTime('atk-1', 'started')).toBe(false);
    expect(reloaded.firstTime('atk-1', 'ended')).toBe(true);
    expect(reloaded.firstTime('atk-2', 'started')).toBe(true);
  });

  it('keeps the newest ids and survives unreadable or missing storage', () => {
    const storage = memoryStorage();
    const shown = createShownIncidents(storage);
    for (let i = 0; i < MAX_SHOWN_INCIDENTS + 5; i++) shown.firstTime(`atk-${i}`, 'started');
    expect(JSON.parse(storage.data.get(SHOWN_INCIDENTS_KEY)!)).toHaveLength(MAX_SHOWN_INCIDENTS);
    storage.data.set(SHOWN_INCIDENTS_KEY, '{not json');
    expect(createShownIncidents(storage).firstTime('atk-x', 'started')).toBe(true);
    const none = createShownIncidents(null);
    expect(none.firstTime('atk-y', 'started')).toBe(true);
    expect(none.firstTime('atk-y', 'started')).toBe(false);
  });
});
