'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';

const MIN_PASSWORD = 8; // mirrors emailAndPassword.minPasswordLength on the server

/** The new password, sent with the link's token; an expired or used link says so and offers a new one. */
export function ResetPasswordForm({ token }: { token: string | null }) {
  const t = useTranslations('password.reset');
  const [state, setState] = useState<'ready' | 'pending' | 'done' | 'invalid' | 'failed'>(token ? 'ready' : 'invalid');

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get('password'));
    setState('pending');
    const { error } = await authClient.resetPassword({ newPassword, token: token ?? '' });
    if (!error) setState('done');
    else setState(error.code === 'INVALID_TOKEN' || error.status === 400 ? 'invalid' : 'failed');
  };

  if (state === 'done') {
    return (
      <Alert tone="info" testId="reset-done">
        {t('done')} <Link href="/sign-in">→</Link>
      </Alert>
    );
  }
  if (state === 'invalid') {
    return (
      <Alert testId="reset-invalid">
        {t('invalid')} <Link href="/forgot-password">{t('again')}</Link>
      </Alert>
    );
  }
  return (
    <form className="form" onSubmit={onSubmit}>
      {state === 'failed' ? <Alert testId="auth-error">{t('failed')}</Alert> : null}
      <Field label={t('password')} name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required autoFocus hint={t('hint', { min: MIN_PASSWORD })} />
      <Button type="submit" variant="primary" block disabled={state === 'pending'}>
        {state === 'pending' ? t('pending') : t('submit')}
      </Button>
    </form>
  );
}
