'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { useCreateSnooze, useSnoozes } from '@/hooks/use-snoozes';
import { SNOOZE_DURATIONS, SNOOZE_REASON_MAX, type TSnoozeDuration } from '@/lib/snoozes/schema';
import type { TSnoozeTarget } from './snooze-keys';
import styles from './detection.module.css';

const DURATIONS = Object.keys(SNOOZE_DURATIONS) as TSnoozeDuration[];

/**
 * "Snooze for this customer…" under a rule that fired: the rule stops deciding for one of the
 * detection's keys for a while, with a reason (the audit trail keeps it). Keys the rule is already
 * snoozed for are not offered again. Rendered only for those who may snooze (rules.snooze); the
 * API refuses the others anyway.
 */
export function SnoozeRule({ orgId, ruleId, ruleCode, targets: all }: { orgId: string; ruleId: string; ruleCode: string; targets: readonly TSnoozeTarget[] }) {
  const t = useTranslations('detection.snooze');
  const id = useId();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState(0);
  const [duration, setDuration] = useState<TSnoozeDuration>('24h');
  const [reason, setReason] = useState('');
  const create = useCreateSnooze(orgId);
  const live = useSnoozes(orgId).data?.snoozes ?? [];
  const targets = all.filter((t) => !live.some((s) => s.ruleId === ruleId && s.entityType === t.type && s.entityValue === t.value));
  if (targets.length === 0) return null;

  if (!open) {
    return (
      <Button size="sm" variant="ghost" className={styles.snoozeOpen} data-testid={`snooze-open-${ruleCode}`} onClick={() => setOpen(true)}>
        {t('open')}
      </Button>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = targets[Math.min(target, targets.length - 1)];
    create.mutate(
      { ruleId, body: { entityType: chosen.type, entityValue: chosen.value, duration, reason: reason.trim() } },
      { onSuccess: () => { setOpen(false); setReason(''); setTarget(0); } },
    );
  };

  return (
    <form className={styles.snoozeForm} onSubmit={submit} data-testid={`snooze-form-${ruleCode}`} aria-label={t('formLabel', { code: ruleCode })}>
      <label htmlFor={`${id}-target`}>{t('stopFor')}</label>
      <select id={`${id}-target`} className="select" name="entity" value={target} onChange={(e) => setTarget(Number(e.target.value))}>
        {targets.map((target, i) => (
          <option key={target.type} value={i}>
            {t('target', { type: target.type, value: target.value })}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-duration`}>{t('for')}</label>
      <select id={`${id}-duration`} className="select" name="duration" value={duration} onChange={(e) => setDuration(e.target.value as TSnoozeDuration)}>
        {DURATIONS.map((d) => (
          <option key={d} value={d}>
            {t('duration', { duration: d })}
          </option>
        ))}
      </select>
      <input
        className="input"
        name="reason"
        aria-label={t('reasonLabel')}
        placeholder={t('reasonPlaceholder')}
        required
        maxLength={SNOOZE_REASON_MAX}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button type="submit" size="sm" variant="primary" disabled={create.isPending || !reason.trim()}>
        {t('submit')}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
        {t('cancel')}
      </Button>
    </form>
  );
}
