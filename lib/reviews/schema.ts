import { z } from 'zod';
import type { TDetection } from '@/lib/detections/schema';

export const REVIEW_ACTIONS = ['approve', 'block'] as const;
export type TReviewAction = (typeof REVIEW_ACTIONS)[number];
export const REVIEW_NOTE_MAX = 500;
/** Why the analyst decided so (stored with the review, shown in the queue, the detection JSON and the audit trail). */
export const REVIEW_VERDICTS = ['fraud', 'genuine', 'unclear'] as const;
export type TReviewVerdict = (typeof REVIEW_VERDICTS)[number];

const verdict = z.enum(REVIEW_VERDICTS, { error: 'Must be "fraud", "genuine" or "unclear": why you decided so' });
const note = z
  .string({ error: 'Must be text' })
  .trim()
  .max(REVIEW_NOTE_MAX, `At most ${REVIEW_NOTE_MAX} characters`)
  // An empty note is no note: store null, not "".
  .transform((n) => n || null)
  .nullish();

// Strict like the ingest body: a typo such as "note " or "decision" is a 400
// naming it instead of a review silently recorded without it.
export const ZReviewInputSchema = z.strictObject({
  action: z.enum(REVIEW_ACTIONS, { error: 'Required: "approve" (let the payment through) or "block"' }),
  note,
  // Optional here so that v1 clients that send { action, note } keep working (stored as null); the dashboard always sends one.
  verdict: verdict.nullish(),
});

export type TReviewInput = z.infer<typeof ZReviewInputSchema>;

export const ZFindReviewsQuerySchema = z.object({
  limit: z.coerce.number({ error: 'Must be a number from 1 to 200' }).int('Must be a whole number').min(1, 'Must be at least 1').max(200, 'At most 200').default(50),
  cursor: z.string().regex(/^\d{1,19}$/, 'Must be the nextCursor of a previous page').optional(),
});

export type TFindReviewsQuery = z.infer<typeof ZFindReviewsQuerySchema>;

export type TReviewQueuePage = { detections: TDetection[]; nextCursor: string | null; count: number };

/** Waiting for an analyst: scored REVIEW and nobody has reviewed it yet (someone may hold it). */
export function isPendingReview(d: Pick<TDetection, 'decision' | 'review'>): boolean {
  return d.decision === 'REVIEW' && (d.review === null || d.review.status === 'pending');
}

/** At most this many items per bulk review; more is a 400 asking to narrow it, and nothing changes. */
export const BULK_MAX = 500;

// POST /api/v1/reviews/bulk: exactly one selector. The verdict is required here
// (a new endpoint has no old clients): a bulk decision should say why.
export const ZBulkReviewInputSchema = z
  .strictObject({
    ids: z
      .array(z.uuid({ error: 'Each id must be a detection id' }), { error: 'Must be a list of detection ids' })
      .min(1, 'Must name at least one detection')
      .max(BULK_MAX, `At most ${BULK_MAX} detections per bulk review`)
      .optional(),
    ip: z.union([z.ipv4(), z.ipv6()], { error: 'Must be an IPv4 or IPv6 address' }).optional(),
    attackId: z.uuid({ error: 'Must be an incident id (GET /api/v1/attacks)' }).optional(),
    action: z.enum(REVIEW_ACTIONS, { error: 'Required: "approve" (let the payments through) or "block"' }),
    verdict: z.enum(REVIEW_VERDICTS, { error: 'Required: "fraud", "genuine" or "unclear": why you decided so' }),
    note,
  })
  .superRefine((v, ctx) => {
    const given = [v.ids, v.ip, v.attackId].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', path: ['ids'], message: 'Give exactly one of "ids", "ip" or "attackId": which pending items to review' });
  });

export type TBulkReviewInput = z.infer<typeof ZBulkReviewInputSchema>;

/** One item of a bulk review: what happened to it, and why not when it was skipped. */
export type TBulkItemResult = {
  id: string;
  externalId: string | null;
  result: 'reviewed' | 'already_reviewed' | 'claimed' | 'not_reviewable' | 'not_found';
  message?: string;
  detection?: TDetection;
};

export type TBulkReviewResult = { reviewed: number; skipped: number; results: TBulkItemResult[] };
