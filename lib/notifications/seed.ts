import type { TDecision } from '@/lib/detections/schema';

// The notifications a tab opens with: the newest REVIEW and BLOCK detections
// read from the API (GET /api/v1/detections?decision=…), grouped as live ones
// are, but by when they were scored rather than when this tab saw them.

export type TSeedDetection = { id: string; decision: TDecision; createdAt: string };
export type TSeedGroup = { kind: 'block' | 'review'; ids: string[]; firstAt: number; lastAt: number };

/** Detections of one kind within `windowMs` of the previous one form a group; newest group first, ids newest first. */
export function groupPastDetections(detections: readonly TSeedDetection[], windowMs: number): TSeedGroup[] {
  const groups: TSeedGroup[] = [];
  for (const kind of ['review', 'block'] as const) {
    const decision = kind === 'block' ? 'BLOCK' : 'REVIEW';
    const items = detections
      .filter((d) => d.decision === decision)
      .map((d) => ({ id: d.id, at: Date.parse(d.createdAt) }))
      .filter((d) => Number.isFinite(d.at))
      .sort((a, b) => a.at - b.at);
    let current: TSeedGroup | null = null;
    for (const item of items) {
      if (current && item.at - current.lastAt < windowMs) {
        current.ids.unshift(item.id);
        current.lastAt = item.at;
      } else {
        current = { kind, ids: [item.id], firstAt: item.at, lastAt: item.at };
        groups.push(current);
      }
    }
  }
  return groups.sort((a, b) => b.lastAt - a.lastAt);
}
