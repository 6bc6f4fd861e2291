'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/hooks/use-error-text';
import { useRemoveStripeSecret, useSaveStripeSecret } from '@/hooks/use-stripe';
import { ApiError } from '@/lib/api-client';

/** Save, replace or remove the signing secret. The field is write-only: the secret is never shown again. */
export function SecretForm({ orgId, connected }: { orgId: string; connected: boolean }) {
  const t = useTranslations('stripe.secret');
  const errorText = useErrorText();
  const [secret, setSecret] = useState('');
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const save = useSaveStripeSecret(orgId);
  const remove = useRemoveStripeSecret(orgId);
  const fieldError = save.error instanceof ApiError && save.error.status === 400 ? errorText(save.error) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ webhookSecret: secret.trim() }, { onSuccess: () => setSecret('') });
  };

  return (
    <form onSubmit={onSubmit} className="form" data-testid="stripe-secret-form">
      <div style={{ display: 'flex', gap: 10, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 320px' }}>
          <Field
            label={connected ? t('replaceLabel') : t('label')}
            name="webhookSecret"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder="whsec_…"
            required
            aria-invalid={fieldError ? true : undefined}
            data-testid="stripe-secret-input"
            hint={fieldError ?? t('hint')}
          />
        </div>
        <Button type="submit" variant="primary" disabled={save.isPending || !secret.trim()} data-testid="save-stripe-secret">
          {save.isPending ? t('saving') : connected ? t('replace') : t('save')}
        </Button>
      </div>
      {connected ? (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          {confirmingRemove ? (
            <>
              <span className="hint">{t('removeWarning')}</span>
              <Button
                size="sm"
                variant="danger"
                disabled={remove.isPending}
                data-testid="confirm-remove-stripe-secret"
                onClick={() => remove.mutate(undefined, { onSettled: () => setConfirmingRemove(false) })}
              >
                {remove.isPending ? t('disconnecting') : t('disconnect')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmingRemove(false)}>
                {t('cancel')}
              </Button>
            </>
          ) : (
            <Button size="sm" variant="danger" onClick={() => setConfirmingRemove(true)} data-testid="remove-stripe-secret">
              {t('disconnectAsk')}
            </Button>
          )}
        </div>
      ) : null}
    </form>
  );
}
