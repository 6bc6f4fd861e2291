import { z } from 'zod';
import { throwIfUnsafeText } from '@/lib/card-number';
import { ZDetectionFiltersSchema, type TDetectionFilters } from '@/lib/detections/filters';
import { validationError } from '@/lib/errors';

/** How many views one analyst may keep in one organization (shared ones included). */
export const MAX_VIEWS_PER_USER = 100;

export const ZCreateViewSchema = z.strictObject({
  name: z
    .string({ error: 'Required: a name for the view, for example "Card testing, last 24 h"' })
    .trim()
    .min(1, 'Must not be empty')
    .max(80, 'At most 80 characters'),
  filters: ZDetectionFiltersSchema,
  shared: z.boolean({ error: 'Must be true (everyone in the organization sees it) or false' }).default(false),
});

export type TCreateView = { name: string; filters: TDetectionFilters; shared: boolean };

/** A saved view as the API returns it. */
export type TSavedView = {
  id: string;
  name: string;
  filters: TDetectionFilters;
  shared: boolean;
  /** Saved by the caller. */
  mine: boolean;
  createdBy: { id: string; name: string | null; email: string | null };
  createdAt: string;
};

/**
 * A view from a request body. SECURITY: a card number anywhere in it (a name,
 * a "customer id" that is really a PAN) is refused before validation, so it
 * is never stored.
 */
export function parseCreateView(body: unknown): TCreateView {
  throwIfUnsafeText(body, 'Saved views never hold card numbers: filter by the card fingerprint or the BIN.');
  const parsed = ZCreateViewSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
