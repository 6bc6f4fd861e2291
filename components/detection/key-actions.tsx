'use client';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/dashboard/format';
import { useAddListEntry } from '@/hooks/use-lists';
import { usePermissions } from '@/hooks/use-permissions';
import type { TRelatedKey } from '@/lib/detections/related';
import type { TListEntry } from '@/lib/lists/schema';
import { BLOCK_DURATIONS, KEY_LABEL, LIST_TYPE, entryFor, expiresAtFor } from './keys';
import styles from './detection.module.css';

const until = (entry: TListEntry) => (entry.expiresAt ? `until ${formatDateTime(entry.expiresAt)}` : 'for good');

/**
 * Block one key of the detection for 1 h, 24 h or for good (analysts and up), or allow it (admins
 * and up); a value already on a list says so instead of offering the same entry twice.
 */
export function KeyActions({ orgId, keyName, value, entries, detectionExternalId }: { orgId: string; keyName: TRelatedKey; value: string; entries: readonly TListEntry[]; detectionExternalId: string }) {
  const { can } = usePermissions();
  const add = useAddListEntry(orgId);
  const blocked = entryFor(entries, keyName, value, 'block');
  const allowed = entryFor(entries, keyName, value, 'allow');
  const label = KEY_LABEL[keyName];
  const reason = `From order ${detectionExternalId}`;
  const busy = add.isPending;

  return (
    <div className={styles.actions} data-testid="key-actions">
      {blocked ? (
        <Badge tone="block" data-testid="key-blocked">
          Blocked {until(blocked)}
        </Badge>
      ) : null}
      {allowed ? (
        <Badge tone="allow" data-testid="key-allowed">
          Allowed {until(allowed)}
        </Badge>
      ) : null}
      {!blocked && can('lists.block') ? (
        <>
          <span className="muted">Block</span>
          {BLOCK_DURATIONS.map((d) => (
            <Button
              key={d.label}
              size="sm"
              variant="danger"
              disabled={busy}
              data-testid={`block-${keyName}-${d.label.replace(' ', '')}`}
              aria-label={`Block ${label} ${value} ${d.label === 'for good' ? 'for good' : `for ${d.label}`}`}
              onClick={() => add.mutate({ type: LIST_TYPE[keyName], value, action: 'block', expiresAt: expiresAtFor(d.ms), reason })}
            >
              {d.label}
            </Button>
          ))}
        </>
      ) : null}
      {!allowed && can('lists.allow') ? (
        <Button
          size="sm"
          disabled={busy}
          data-testid={`allow-${keyName}`}
          aria-label={`Allow ${label} ${value}`}
          onClick={() => add.mutate({ type: LIST_TYPE[keyName], value, action: 'allow', reason })}
        >
          Allow
        </Button>
      ) : null}
    </div>
  );
}
