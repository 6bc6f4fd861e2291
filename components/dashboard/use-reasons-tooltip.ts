'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { useReasonText } from '@/components/detection/reason-text';
import type { TDetection } from '@/lib/detections/schema';

/** A row's hover text: its reasons, one a line, in the reader's language. */
export function useReasonsTooltip(): (detection: TDetection) => string {
  const t = useTranslations('dashboard.table');
  const reasonText = useReasonText();
  return useCallback(
    (d: TDetection) => (d.reasons.length === 0 ? t('noSignals') : d.reasons.map((r) => `• ${reasonText(r)}`).join('\n')),
    [t, reasonText],
  );
}
