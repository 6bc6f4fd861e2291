import { z } from 'zod';
import type { TDetection } from '@/lib/detections/schema';

export const REVIEW_ACTIONS = ['approve', 'block'] as const;
export type TReviewAction = (typeof REVIEW_ACTIONS)[number];
export const REVIEW_NOTE_MAX = 500;

// Strict like the ingest body: a typo such as "note " or "decision" is a 400
// naming it instead of a review silently recorded without it.
export const ZReviewInputSchema = z.strictObject({
  action: z.enum(REVIEW_ACTIONS, { error: 'Required: "approve" (let the payment through) or "block"' }),
  note: z
    .string({ error: 'Must be text' })
    .trim()
    .max(REVIEW_NOTE_MAX, `At most ${REVIEW_NOTE_MAX} characters`)
    // An empty note is no note: store null, not "".
    .transform((n) => n || null)
    .nullish(),
});

export type TReviewInput = z.infer<typeof ZReviewInputSchema>;

export const ZFindReviewsQuerySchema = z.object({
  limit: z.coerce.number({ error: 'Must be a number from 1 to 200' }).int('Must be a whole number').min(1, 'Must be at least 1').max(200, 'At most 200').default(50),
  cursor: z.string().regex(/^\d{1,19}$/, 'Must be the nextCursor of a previous page').optional(),
});

export type TFindReviewsQuery = z.infer<typeof ZFindReviewsQuerySchema>;

export type TReviewQueuePage = { detections: TDetection[]; nextCursor: string | null; count: number };

/** Waiting for an analyst: scored REVIEW and nobody has reviewed it yet. */
export function isPendingReview(d: Pick<TDetection, 'decision' | 'review'>): boolean {
  return d.decision === 'REVIEW' && d.review === null;
}
