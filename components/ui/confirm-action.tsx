'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from './button';

// A destructive action asked inline, on the row itself: "Revoke…" turns into
// "Revoke" and "Cancel", so a stray click breaks nothing and no modal hides
// the row being acted on. One row of a table asks at a time.

/** The asking row of one table. */
export function useInlineConfirm() {
  const [askingId, setAskingId] = useState<string | null>(null);
  const done = () => setAskingId(null);
  return {
    /** ConfirmAction's state for row `id`. */
    row: (id: string) => ({ confirming: askingId === id, onAsk: () => setAskingId(id), onCancel: done }),
    /** Call when the action settled, whatever its outcome. */
    done,
  };
}

type TProps = ReturnType<ReturnType<typeof useInlineConfirm>['row']> & {
  /** The action's verb: the button says "Revoke…", then "Revoke" to confirm. */
  verb: string;
  /** While the action runs, e.g. "Revoking…". */
  pendingLabel: string;
  /** What confirming will break, beside the button. */
  warning?: string;
  pending: boolean;
  onConfirm: () => void;
  testIds: { ask: string; confirm: string };
};

export function ConfirmAction({ verb, pendingLabel, warning, confirming, pending, onAsk, onCancel, onConfirm, testIds }: TProps) {
  const t = useTranslations('common.ui');
  if (!confirming) {
    return (
      <Button size="sm" variant="danger" onClick={onAsk} data-testid={testIds.ask}>
        {verb}…
      </Button>
    );
  }
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      {warning ? <span className="hint">{warning}</span> : null}
      <Button size="sm" variant="danger" disabled={pending} data-testid={testIds.confirm} onClick={onConfirm}>
        {pending ? pendingLabel : verb}
      </Button>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        {t('cancel')}
      </Button>
    </span>
  );
}
