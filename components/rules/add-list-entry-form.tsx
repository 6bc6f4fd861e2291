'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useAddListEntry } from '@/hooks/use-lists';
import { usePermissions } from '@/hooks/use-permissions';
import { ApiError } from '@/lib/api-client';
import { LIST_ACTIONS, LIST_TYPE_LABEL, LIST_TYPES, listEntryPermission, type TListAction, type TListType } from '@/lib/lists/schema';
import styles from './rules.module.css';

const DURATIONS = [
  { value: '1h', label: '1 hour', ms: 3600_000 },
  { value: '24h', label: '24 hours', ms: 24 * 3600_000 },
  { value: 'forever', label: 'Forever', ms: null },
] as const;

const PLACEHOLDER: Record<TListType, string> = {
  ip: '203.0.113.7',
  card_fingerprint: 'fp_…  (never a card number)',
  card_bin: '424242',
  email: 'buyer@example.com',
  device_id: 'dev_…',
  customer_id: 'cus_…',
};

const ACTION_LABEL: Record<TListAction, string> = { block: 'Block', allow: 'Allow' };

/** Shown to roles that may add at least a block entry; analysts are offered only the block list. */
export function AddListEntryForm({ orgId }: { orgId: string }) {
  const { can } = usePermissions();
  const actions = LIST_ACTIONS.filter((a) => can(listEntryPermission(a)));
  const [type, setType] = useState<TListType>('ip');
  const [value, setValue] = useState('');
  const [action, setAction] = useState<TListAction>('block');
  const [duration, setDuration] = useState<(typeof DURATIONS)[number]['value']>('24h');
  const [reason, setReason] = useState('');
  const add = useAddListEntry(orgId);
  const error = add.error instanceof ApiError ? add.error : null;
  const errorFor = (field: string) => (error?.field === field ? error.message : undefined);

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
        <label htmlFor="list-type">Type</label>
        <select id="list-type" className="select" value={type} onChange={(e) => setType(e.target.value as TListType)}>
          {LIST_TYPES.map((t) => (
            <option key={t} value={t}>
              {LIST_TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.grow}>
        <Field
          label="Value"
          name="value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={PLACEHOLDER[type]}
          maxLength={200}
          required
          aria-invalid={errorFor('value') ? true : undefined}
          hint={errorFor('value')}
        />
      </div>
      <div className="field">
        <label htmlFor="list-action">List</label>
        <select id="list-action" className="select" value={action} onChange={(e) => setAction(e.target.value as TListAction)}>
          {actions.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABEL[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="list-duration">For</label>
        <select id="list-duration" className="select" value={duration} onChange={(e) => setDuration(e.target.value as typeof duration)}>
          {DURATIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.grow}>
        <Field label="Reason (optional)" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="Card testing from this IP" hint={errorFor('reason')} />
      </div>
      <Button type="submit" variant="primary" disabled={add.isPending || !value.trim()} data-testid="add-entry">
        {add.isPending ? 'Adding…' : 'Add'}
      </Button>
      {error && !error.field ? <p className={styles.error}>{error.message}</p> : null}
      {actions.length < LIST_ACTIONS.length ? (
        <p className="hint" style={{ flexBasis: '100%' }} data-testid="block-only">
          Analysts add block entries; an allow entry, or removing one, takes an owner or admin.
        </p>
      ) : null}
      {type === 'card_bin' ? <p className="hint" style={{ flexBasis: '100%' }}>A BIN is the first 6 to 8 digits; it also matches longer BINs that start with it.</p> : null}
    </form>
  );
}
