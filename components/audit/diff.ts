// A compact before → after for an audit entry: both sides flattened to
// dotted paths (review.status, threshold…), only the paths that changed.

export type TDiffLine = { path: string; before: string | null; after: string | null };

const MAX_DEPTH = 3;
const MAX_VALUE = 80;

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>, depth: number): void {
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject && depth < MAX_DEPTH && Object.keys(value as object).length > 0) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) flatten(child, prefix ? `${prefix}.${key}` : key, out, depth + 1);
    return;
  }
  if (value === undefined) return;
  out.set(prefix || 'value', show(value));
}

// Who and when already have their own columns: their echoes inside the
// change go last, so the lines shown first are the ones that say what changed.
const ECHO = /(^|\.)(at|by|createdAt|createdBy|updatedAt|updatedBy)$/;

/** The paths whose value differs, in the order they first appear (before's, then after's), echoes of who and when last. */
export function auditDiff(before: unknown, after: unknown): TDiffLine[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  // null on a side means "did not exist" (created / removed): no lines of its own.
  if (before !== null) flatten(before, '', b, 0);
  if (after !== null) flatten(after, '', a, 0);
  const lines: TDiffLine[] = [];
  for (const path of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(path) ?? null;
    const now = a.get(path) ?? null;
    // A whole object replaced by null ("review": null → {…}) shows as its fields appearing.
    if (was === now || (was === 'null' && now === null) || (was === null && now === 'null')) continue;
    lines.push({ path, before: was === 'null' ? null : was, after: now === 'null' ? null : now });
  }
  // Array.prototype.sort is stable: the original order holds within each group.
  return lines.sort((x, y) => Number(ECHO.test(x.path)) - Number(ECHO.test(y.path)));
}
