'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { TCreatedApiKey } from '@/hooks/query-options';
import { useCreateApiKey } from '@/hooks/use-api-keys';
import { ApiError } from '@/lib/api-client';

export function CreateApiKeyForm({ orgId, onCreated }: { orgId: string; onCreated: (key: TCreatedApiKey) => void }) {
  const [name, setName] = useState('');
  const create = useCreateApiKey(orgId);
  const fieldError = create.error instanceof ApiError && create.error.status === 400 ? create.error.message : undefined;

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
          label="Key name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Production checkout"
          maxLength={100}
          required
          aria-invalid={fieldError ? true : undefined}
          hint={fieldError ?? 'Name it after where it will be used, so you know what breaks when you revoke it.'}
        />
      </div>
      <Button type="submit" variant="primary" disabled={create.isPending || !name.trim()} data-testid="create-api-key">
        {create.isPending ? 'Creating…' : 'Create key'}
      </Button>
    </form>
  );
}
