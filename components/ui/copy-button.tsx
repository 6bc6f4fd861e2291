'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from './button';

/** Copies text to the clipboard; falls back to a toast asking for a manual copy. */
export function CopyButton({ text, label, testId }: { text: string; label?: string; testId?: string }) {
  const t = useTranslations('common.ui');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // The clipboard API needs a secure context (https or localhost).
      toast.error(t('copyFailed'), { description: t('copyFailedHint') });
    }
  };
  return (
    <Button size="sm" onClick={copy} data-testid={testId} aria-live="polite">
      {copied ? t('copied') : (label ?? t('copy'))}
    </Button>
  );
}
