'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/hooks/use-error-text';
import { useAddListEntry } from '@/hooks/use-lists';
import { usePermissions } from '@/hooks/use-permissions';
import { ApiError } from '@/lib/api-client';
import { LIST_ACTIONS, LIST_TYPES, listEntryPermission, type TListAction, type TListType } from '@/lib/lists/schema';
import styles from './rules.module.css';

const DURATIONS = [
  { value: '1h', ms: 3600_000 },
  { value: '24h', ms: 24 * 3600_000 },
  { value: 'forever', ms: null },
] as const;

/** Example values; the card fingerprint's says it is never a card number (rules.lists.form.fingerprintPlaceholder). */
const PLACEHOLDER: Record<Exclude<TListType, 'card_fingerprint'>, string> = {
  ip: '203.0.113.7',
  card_bin: '424242',
  email: 'buyer@example.com',
  device_id: 'dev_…',
  customer_id: 'cus_…',
};

/** Shown to roles that may add at least a block entry; analysts are offered only the block list. */
export function AddListEntryForm({ orgId }: { orgId: string }) {
  const { can } = usePermissions();
  const t = useTranslations('rules.lists');
  const errorText = useErrorText();
  const actions = LIST_ACTIONS.filter((a) => can(listEntryPermission(a)));
  const [type, setType] = useState<TListType>('ip');
  const [value, setValue] = useState('');
  const [action, setAction] = useState<TListAction>('block');
  const [duration, setDuration] = useState<(typeof DURATIONS)[number]['value']>('24h');
  const [reason, setReason] = useState('');
  const add = useAddListEntry(orgId);
  const error = add.error instanceof ApiError ? add.error : null;
  const errorFor = (field: string) => (error?.field === field ? errorText(error) : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const ms = DURATIONS.find((d) => d.value === duration)?.ms ?? null;
    add.mutate(
      { type, value: value.trim(), action, expiresAt: ms ? new Date(Date.now() + ms).toISOString() : null, reason: reason.trim() || null },
      {
        onSuccess: () => {
          setValue('');
          setReason('');
        },
      },
    );
  };

  return (
    <form className={styles.row} onSubmit={onSubmit} data-testid="add-list-entry">
      <div className="field">
        <label htmlFor="list-type">{t('form.type')}</label>
        <select id="list-type" className="select" value={type} onChange={(e) => setType(e.target.value as TListType)}>
          {LIST_TYPES.map((kind) => (
            <option key={kind} value={kind}>
              {t(`type.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.grow}>
        <Field
          label={t('form.value')}
          name="value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={type === 'card_fingerprint' ? t('form.fingerprintPlaceholder') : PLACEHOLDER[type]}
          maxLength={200}
          required
          aria-invalid={errorFor('value') ? true : undefined}
          hint={errorFor('value')}
        />
      </div>
      <div className="field">
        <label htmlFor="list-action">{t('form.list')}</label>
        <select id="list-action" className="select" value={action} onChange={(e) => setAction(e.target.value as TListAction)}>
          {actions.map((a) => (
            <option key={a} value={a}>
              {t(`form.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="list-duration">{t('form.for')}</label>
        <select id="list-duration" className="select" value={duration} onChange={(e) => setDuration(e.target.value as typeof duration)}>
          {DURATIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {t(`form.durations.${d.value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.grow}>
        <Field
          label={t('form.reason')}
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          placeholder={t('form.reasonPlaceholder')}
          hint={errorFor('reason')}
        />
      </div>
      <Button type="submit" variant="primary" disabled={add.isPending || !value.trim()} data-testid="add-entry">
        {add.isPending ? t('form.adding') : t('form.add')}
      </Button>
      {error && !error.field ? <p className={styles.error}>{errorText(error)}</p> : null}
      {actions.length < LIST_ACTIONS.length ? (
        <p className="hint" style={{ flexBasis: '100%' }} data-testid="block-only">
          {t('form.blockOnly')}
        </p>
      ) : null}
      {type === 'card_bin' ? <p className="hint" style={{ flexBasis: '100%' }}>
          {t('form.binHint')}
        </p> : null}
    </form>
  );
}
