import { z } from 'zod';
import type { TDetection } from '@/lib/detections/schema';

// Messages of GET /api/v1/events, read back through zod (STYLE §4). Only the
// fields the client relies on are checked; other event types pass through
// with their payload so a subscriber can read them (attack_* for the war room).

const ZDetectionSchema = z.looseObject({
  id: z.string(),
  externalId: z.string(),
  decision: z.enum(['ALLOW', 'REVIEW', 'BLOCK']),
  createdAt: z.string(),
});

const ZEventSchema = z.looseObject({ type: z.string(), data: z.array(ZDetectionSchema).optional() });

export type TStreamMessage = { type: string; data: TDetection[]; raw: Record<string, unknown> };

/** The message, or null for anything that is not JSON of the expected shape. */
export function parseStreamMessage(text: string): TStreamMessage | null {
  try {
    const parsed = ZEventSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    return { type: parsed.data.type, data: (parsed.data.data ?? []) as unknown as TDetection[], raw: parsed.data };
  } catch {
    return null;
  }
}
