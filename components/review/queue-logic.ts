import type { TDetection, TReviewClaim } from '@/lib/detections/schema';
import type { TReviewAction, TReviewVerdict } from '@/lib/reviews/schema';

// The queue's small decisions, free of React so that they are unit-tested.

/** The claim on a row while it runs (the server hides lapsed ones; this tab's clock hides those that lapse while shown). */
export function activeClaim(d: Pick<TDetection, 'review'>, now: number): TReviewClaim | null {
  const claim = d.review?.status === 'pending' ? d.review.claim : null;
  return claim && Date.parse(claim.until) > now ? claim : null;
}

/** Someone else's running claim on the row, or null (yours, or none). */
export function heldByOther(d: Pick<TDetection, 'review'>, userId: string | null, now: number): TReviewClaim | null {
  const claim = activeClaim(d, now);
  return claim && claim.userId !== userId ? claim : null;
}

/** The holder's name or e-mail; null when the server sent neither (the caller says "another analyst"). */
export const holderName = (claim: TReviewClaim): string | null => claim.name || claim.email || null;

/**
 * How long the payment has waited, as the catalog's `age.<key>` message and its
 * values: "45 s", "12 min", "3 h 05", "2 d 4 h" ("2 j 4 h" in French).
 */
export type TAge = { key: 'seconds'; values: { s: number } } | { key: 'minutes'; values: { m: number } } | { key: 'hours'; values: { h: number; mm: string } } | { key: 'days'; values: { d: number; h: number } };

export function ageOf(ms: number): TAge {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return { key: 'seconds', values: { s } };
  const m = Math.floor(s / 60);
  if (m < 60) return { key: 'minutes', values: { m } };
  const h = Math.floor(m / 60);
  if (h < 24) return { key: 'hours', values: { h, mm: String(m % 60).padStart(2, '0') } };
  return { key: 'days', values: { d: Math.floor(h / 24), h: h % 24 } };
}

export const isOverTarget = (createdAt: string, targetMinutes: number, now: number) => now - Date.parse(createdAt) > targetMinutes * 60_000;

/** "As decided" is what most reviews mean: an approved payment is genuine, a blocked one fraud. */
export type TVerdictChoice = TReviewVerdict | 'auto';

export function verdictFor(action: TReviewAction, choice: TVerdictChoice): TReviewVerdict {
  if (choice !== 'auto') return choice;
  return action === 'approve' ? 'genuine' : 'fraud';
}

/** Whether a key press belongs to a form control rather than to the queue's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
