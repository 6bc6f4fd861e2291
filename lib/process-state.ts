// The one home of per-process state.
//
// One server process runs two module graphs: Next.js's bundle (route
// handlers, pages) and scripts/server.ts loaded through tsx (the lean stream
// handler). A module-level `new Map()` or `let` exists once per graph, so two
// copies of it would silently disagree (two hubs, two sets of metrics, two
// limit counters). Everything that must be one per process is created here,
// under a name, on a store kept on globalThis through a registered symbol,
// which both graphs (and dev's hot reloads) see the same.
//
// The architecture test (tests/architecture) fails on module-level mutable
// state in server code outside this helper.

const STORE_KEY = Symbol.for('orylo.process-state');

type TStore = Map<string, unknown>;

function store(): TStore {
  const holder = globalThis as { [STORE_KEY]?: TStore };
  holder[STORE_KEY] ??= new Map();
  return holder[STORE_KEY];
}

/** The process's one `name`, made by `init` the first time any module graph asks for it. */
export function processState<T>(name: string, init: () => T): T {
  const s = store();
  if (!s.has(name)) s.set(name, init());
  return s.get(name) as T;
}

/** Forgets `name`, so the next processState(name) makes it anew (a changed environment in a launcher or test). */
export function resetProcessState(name: string): void {
  store().delete(name);
}

/** The names in use, for diagnostics and tests. */
export function processStateNames(): string[] {
  return [...store().keys()].sort();
}
