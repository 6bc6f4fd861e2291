'use client';

import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import { formats, type TFormats } from '@/lib/format';

/** The page's formats (money, numbers, dates) in the viewer's language, in the browser's time zone. */
export function useFormats(): TFormats {
  const locale = useLocale();
  return useMemo(() => formats(locale), [locale]);
}
