'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from './button';

/** Copies text to the clipboard; falls back to a toast asking for a manual copy. */
export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // The clipboard API needs a secure context (https or localhost).
      toast.error('Could not copy', { description: 'Select the text and copy it by hand.' });
    }
  };
  return (
    <Button size="sm" onClick={copy} data-testid={testId} aria-live="polite">
      {copied ? 'Copied' : label}
    </Button>
  );
}
