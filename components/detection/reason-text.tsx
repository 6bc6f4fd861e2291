'use client';

import type { TReason } from '@/lib/detections/schema';

// A reason in the viewer's language. Issue 15 renders it from its code and
// values; until then, the sentence stored with it (English).

export function useReasonText(): (reason: TReason, currency?: string) => string {
  return (reason) => reason.message;
}

export function ReasonText({ reason, currency }: { reason: TReason; currency?: string }) {
  return <>{useReasonText()(reason, currency)}</>;
}
