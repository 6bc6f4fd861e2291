import { z } from 'zod';
import type { TAttack } from '@/lib/attacks/schema';
import type { TDecision, TDetection } from '@/lib/detections/schema';

// Every event of GET /api/v1/events, defined once: the server's encoder takes
// only these shapes, and the browser reads them back through the schemas
// below (validated, never cast). Each is a default SSE `message` whose data
// is one JSON object with a `type`.

export type TStreamEvent =
  /** First. Its id: line is the stream's starting cursor; it carries the server's heartbeat interval. */
  | { type: 'connected'; orgId: string; heartbeatMs: number; timestamp: string }
  /** Oldest first; its id: line is the cursor after the last row. */
  | { type: 'new_detections'; data: TDetection[]; timestamp: string }
  | { type: 'heartbeat'; timestamp: string }
  /** A review changed these detections: clients upsert them by id. No id: line. */
  | { type: 'detection_updated'; data: TDetection[] }
  | { type: 'attack_started' | 'attack_updated' | 'attack_ended'; attack: TAttack }
  /** The requested cursor cannot be served: refetch, then resume from the lists' cursor. */
  | { type: 'reset'; timestamp: string };

export type TStreamEventType = TStreamEvent['type'];
export type TAttackEventType = Extract<TStreamEventType, `attack_${string}`>;

export const STREAM_EVENT_TYPES = ['connected', 'new_detections', 'heartbeat', 'detection_updated', 'attack_started', 'attack_updated', 'attack_ended', 'reset'] as const satisfies readonly TStreamEventType[];

// What the browser relies on is checked; other fields pass through untouched.
const DECISION_VALUES = ['ALLOW', 'REVIEW', 'BLOCK'] as const satisfies readonly TDecision[];
const ZWireDetectionSchema = z.looseObject({
  id: z.string(),
  externalId: z.string(),
  decision: z.enum(DECISION_VALUES),
  score: z.number(),
  createdAt: z.string(),
});
const ZWireAttackSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  startedAt: z.string(),
  attempts: z.number(),
});
const timestamp = z.string();
const attackEvent = <T extends TAttackEventType>(type: T) => z.looseObject({ type: z.literal(type), attack: ZWireAttackSchema });

export const ZStreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('connected'), orgId: z.string(), heartbeatMs: z.number().int().positive(), timestamp }),
  z.looseObject({ type: z.literal('new_detections'), data: z.array(ZWireDetectionSchema), timestamp }),
  z.looseObject({ type: z.literal('heartbeat'), timestamp }),
  z.looseObject({ type: z.literal('detection_updated'), data: z.array(ZWireDetectionSchema) }),
  attackEvent('attack_started'),
  attackEvent('attack_updated'),
  attackEvent('attack_ended'),
  z.looseObject({ type: z.literal('reset'), timestamp }),
]);

/** An event read from the wire, or null for anything that is not JSON of a known event's shape. */
export function parseStreamEvent(text: string): TStreamEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ZStreamEventSchema.safeParse(json);
  // Validated above on every field the client reads; the rest is the server's own TDetection / TAttack.
  return parsed.success ? (parsed.data as unknown as TStreamEvent) : null;
}

const encoder = new TextEncoder();

/** One event as SSE bytes: an optional id: line (a cursor) and one data: line (JSON never holds a raw newline). */
export function encodeStreamEvent(event: TStreamEvent, id?: string): Uint8Array {
  const idLine = id ? `id: ${id}\n` : '';
  return encoder.encode(`${idLine}data: ${JSON.stringify(event)}\n\n`);
}

/** The `retry:` hint: how long EventSource-style clients wait before reconnecting. */
export function encodeRetryHint(ms: number): Uint8Array {
  return encoder.encode(`retry: ${ms}\n\n`);
}
