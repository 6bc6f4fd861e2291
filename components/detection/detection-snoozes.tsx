'use client';

import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/dashboard/format';
import { useCan } from '@/hooks/use-permissions';
import { useEndSnooze, useSnoozes } from '@/hooks/use-snoozes';
import { SNOOZE_ENTITY_LABEL } from '@/lib/snoozes/schema';
import { snoozesFor, type TSnoozeTarget } from './snooze-keys';
import styles from './detection.module.css';

/**
 * The rules snoozed, right now, for this detection's email, card, customer or device: what the next
 * payment from them will not be decided by, with "End now" for those who may snooze.
 */
export function DetectionSnoozes({ orgId, targets }: { orgId: string; targets: readonly TSnoozeTarget[] }) {
  const canSnooze = useCan('rules.snooze');
  const { data } = useSnoozes(orgId);
  const end = useEndSnooze(orgId);
  const snoozes = snoozesFor(data?.snoozes ?? [], targets);
  if (snoozes.length === 0) return null;
  return (
    <section className={styles.section} data-testid="detection-snoozes">
      <h3 className={`hint ${styles.heading}`}>Snoozed rules</h3>
      <ul className={styles.snoozes}>
        {snoozes.map((s) => (
          <li key={s.id} className={styles.snooze} data-testid="snooze" data-rule={s.ruleKey} data-entity-type={s.entityType}>
            <div>
              <strong>{s.ruleName}</strong> decides nothing for {SNOOZE_ENTITY_LABEL[s.entityType]} <span className="mono">{s.entityValue}</span> until {formatDateTime(s.expiresAt)}
            </div>
            <div className="muted">
              “{s.reason}”{s.createdBy ? ` · ${s.createdBy}` : ''}
            </div>
            {canSnooze ? (
              <div>
                <Button size="sm" disabled={end.isPending} data-testid="snooze-end" aria-label={`End the snooze of ${s.ruleName} for ${s.entityValue} now`} onClick={() => end.mutate(s)}>
                  End now
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
