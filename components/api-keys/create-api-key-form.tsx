'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { TCreatedApiKey } from '@/hooks/query-options';
import { useCreateApiKey } from '@/hooks/use-api-keys';
import { useErrorText } from '@/hooks/use-error-text';
import { ApiError } from '@/lib/api-client';

export function CreateApiKeyForm({ orgId, onCreated }: { orgId: string; onCreated: (key: TCreatedApiKey) => void }) {
  const t = useTranslations('apiKeys.create');
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const create = useCreateApiKey(orgId);
  const fieldError = create.error instanceof ApiError && create.error.status === 400 ? errorText(create.error) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (created) => {
          setName('');
          onCreated(created);
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} style={{ display: 'flex', gap: 10, alignItems: 'flex-end', flexWrap: 'wrap' }}>
      <div style={{ flex: '1 1 260px' }}>
        <Field
          label={t('name')}
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('placeholder')}
          maxLength={100}
          required
          aria-invalid={fieldError ? true : undefined}
          hint={fieldError ?? t('hint')}
        />
      </div>
      <Button type="submit" variant="primary" disabled={create.isPending || !name.trim()} data-testid="create-api-key">
        {create.isPending ? t('pending') : t('submit')}
      </Button>
    </form>
  );
}
