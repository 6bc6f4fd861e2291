'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useFormats } from '@/hooks/use-formats';
import { useAddListEntry } from '@/hooks/use-lists';
import { usePermissions } from '@/hooks/use-permissions';
import type { TRelatedKey } from '@/lib/detections/related';
import type { TListEntry } from '@/lib/lists/schema';
import { BLOCK_DURATIONS, LIST_TYPE, entryFor, expiresAtFor } from './keys';
import styles from './detection.module.css';

/**
 * Block one key of the detection for 1 h, 24 h or for good (analysts and up), or allow it (admins
 * and up); a value already on a list says so instead of offering the same entry twice.
 */
export function KeyActions({ orgId, keyName, value, entries, detectionExternalId }: { orgId: string; keyName: TRelatedKey; value: string; entries: readonly TListEntry[]; detectionExternalId: string }) {
  const t = useTranslations('detection.keyActions');
  const f = useFormats();
  const until = (entry: TListEntry) => (entry.expiresAt ? t('until', { date: f.dateTime(entry.expiresAt) }) : t('forGood'));
  const { can } = usePermissions();
  const add = useAddListEntry(orgId);
  const blocked = entryFor(entries, keyName, value, 'block');
  const allowed = entryFor(entries, keyName, value, 'allow');
  // Kept with the entry (the lists page shows it), in the words of whoever added it.
  const reason = t('reason', { id: detectionExternalId });
  const busy = add.isPending;

  return (
    <div className={styles.actions} data-testid="key-actions">
      {blocked ? (
        <Badge tone="block" data-testid="key-blocked">
          {t('blocked', { until: until(blocked) })}
        </Badge>
      ) : null}
      {allowed ? (
        <Badge tone="allow" data-testid="key-allowed">
          {t('allowed', { until: until(allowed) })}
        </Badge>
      ) : null}
      {!blocked && can('lists.block') ? (
        <>
          <span className="muted">{t('block')}</span>
          {BLOCK_DURATIONS.map((d) => (
            <Button
              key={d.id}
              size="sm"
              variant="danger"
              disabled={busy}
              data-testid={`block-${keyName}-${d.testId}`}
              aria-label={t('blockLabel', { key: keyName, value, duration: d.id })}
              onClick={() => add.mutate({ type: LIST_TYPE[keyName], value, action: 'block', expiresAt: expiresAtFor(d.ms), reason })}
            >
              {t('duration', { duration: d.id })}
            </Button>
          ))}
        </>
      ) : null}
      {!allowed && can('lists.allow') ? (
        <Button
          size="sm"
          disabled={busy}
          data-testid={`allow-${keyName}`}
          aria-label={t('allowLabel', { key: keyName, value })}
          onClick={() => add.mutate({ type: LIST_TYPE[keyName], value, action: 'allow', reason })}
        >
          {t('allow')}
        </Button>
      ) : null}
    </div>
  );
}
