'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useUpdateAlertSettings } from '@/hooks/use-alerts';
import { useErrorText } from '@/hooks/use-error-text';
import { ApiError } from '@/lib/api-client';

export function BacklogSettingForm({ orgId, minutes }: { orgId: string; minutes: number }) {
  const t = useTranslations('alerts.backlog');
  const errorText = useErrorText();
  const [value, setValue] = useState(String(minutes));
  const save = useUpdateAlertSettings(orgId);
  const fieldError = save.error instanceof ApiError && save.error.status === 400 ? errorText(save.error) : undefined;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate({ reviewBacklogMinutes: Number(value) });
  };
  return (
    <form onSubmit={onSubmit} style={{ display: 'flex', gap: 10, alignItems: 'flex-end', flexWrap: 'wrap' }} data-testid="backlog-setting">
      <div style={{ flex: '0 1 260px' }}>
        <Field
          label={t('label')}
          name="reviewBacklogMinutes"
          type="number"
          min={1}
          max={10080}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          hint={fieldError ?? t('hint')}
        />
      </div>
      <Button type="submit" variant="primary" disabled={save.isPending || Number(value) === minutes} data-testid="save-backlog-setting">
        {save.isPending ? t('saving') : t('save')}
      </Button>
    </form>
  );
}
