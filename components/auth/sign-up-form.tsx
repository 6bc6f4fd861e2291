'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';
import { useAuthForm } from './use-auth-form';

const MIN_PASSWORD = 8; // mirrors emailAndPassword.minPasswordLength on the server

export function SignUpForm() {
  const t = useTranslations('auth');
  // Signed in at once (autoSignIn); the dashboard sends new users to onboarding.
  const { error, pending, onSubmit } = useAuthForm({
    submit: (form) =>
      authClient.signUp.email({
        name: String(form.get('name')).trim(),
        email: String(form.get('email')).trim(),
        password: String(form.get('password')),
      }),
    kind: 'signUp',
  });

  return (
    <form className="form" onSubmit={onSubmit}>
      {error ? <Alert testId="auth-error">{error}</Alert> : null}
      <Field label={t('fields.name')} name="name" autoComplete="name" required autoFocus />
      <Field label={t('fields.workEmail')} name="email" type="email" autoComplete="email" required />
      <Field
        label={t('fields.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD}
        required
        hint={t('fields.passwordHint', { min: MIN_PASSWORD })}
      />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? t('signUp.pending') : t('signUp.submit')}
      </Button>
    </form>
  );
}
