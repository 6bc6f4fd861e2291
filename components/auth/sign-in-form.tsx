'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';
import { useAuthForm } from './use-auth-form';

export function SignInForm() {
  const t = useTranslations('auth');
  // The server starts a new session in the user's latest organization; a
  // user without one is sent on to onboarding by the dashboard's layout.
  const { error, pending, onSubmit } = useAuthForm({
    submit: (form) => authClient.signIn.email({ email: String(form.get('email')), password: String(form.get('password')) }),
    kind: 'signIn',
  });

  return (
    <form className="form" onSubmit={onSubmit}>
      {error ? <Alert testId="auth-error">{error}</Alert> : null}
      <Field label={t('fields.email')} name="email" type="email" autoComplete="email" required autoFocus />
      <Field label={t('fields.password')} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? t('signIn.pending') : t('signIn.submit')}
      </Button>
    </form>
  );
}
