'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { useFormats } from '@/hooks/use-formats';
import type { TReason } from '@/lib/detections/schema';
import { renderReason, type TReasonTranslator } from '@/lib/reasons/render';

// A reason in the viewer's language, said again from its code and values
// (lib/reasons/render.ts). Reasons stored before they carried their values
// are shown as they can be: see renderReason.

export function useReasonText(): (reason: TReason) => string {
  const t = useTranslations('reasons') as unknown as TReasonTranslator;
  const f = useFormats();
  return useCallback((reason: TReason) => renderReason(reason, t, f), [t, f]);
}

export function ReasonText({ reason }: { reason: TReason; currency?: string }) {
  return <>{useReasonText()(reason)}</>;
}
