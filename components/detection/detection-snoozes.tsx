'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { useFormats } from '@/hooks/use-formats';
import { useCan } from '@/hooks/use-permissions';
import { useRuleName } from '@/hooks/use-rule-name';
import { useEndSnooze, useSnoozes } from '@/hooks/use-snoozes';
import { snoozesFor, type TSnoozeTarget } from './snooze-keys';
import styles from './detection.module.css';

/**
 * The rules snoozed, right now, for this detection's email, card, customer or device: what the next
 * payment from them will not be decided by, with "End now" for those who may snooze.
 */
export function DetectionSnoozes({ orgId, targets }: { orgId: string; targets: readonly TSnoozeTarget[] }) {
  const t = useTranslations('detection.snoozes');
  const f = useFormats();
  const ruleName = useRuleName();
  const canSnooze = useCan('rules.snooze');
  const { data } = useSnoozes(orgId);
  const end = useEndSnooze(orgId);
  const snoozes = snoozesFor(data?.snoozes ?? [], targets);
  if (snoozes.length === 0) return null;
  return (
    <section className={styles.section} data-testid="detection-snoozes">
      <h3 className={`hint ${styles.heading}`}>{t('title')}</h3>
      <ul className={styles.snoozes}>
        {snoozes.map((s) => (
          <li key={s.id} className={styles.snooze} data-testid="snooze" data-rule={s.ruleKey} data-entity-type={s.entityType}>
            <div>
              {t.rich('line', {
                rule: ruleName({ key: s.ruleKey, name: s.ruleName }),
                entity: s.entityType,
                value: s.entityValue,
                until: f.dateTime(s.expiresAt),
                b: (chunks) => <strong translate="no">{chunks}</strong>,
                v: (chunks) => (
                  <span className="mono" translate="no">
                    {chunks}
                  </span>
                ),
              })}
            </div>
            <div className="muted" translate="no">
              “{s.reason}”{s.createdBy ? ` · ${s.createdBy}` : ''}
            </div>
            {canSnooze ? (
              <div>
                <Button size="sm" disabled={end.isPending} data-testid="snooze-end" aria-label={t('endLabel', { rule: ruleName({ key: s.ruleKey, name: s.ruleName }), value: s.entityValue })} onClick={() => end.mutate(s)}>
                  {t('end')}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
