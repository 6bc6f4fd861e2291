'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';
import { useAuthForm } from './use-auth-form';

const MIN_PASSWORD = 8; // mirrors emailAndPassword.minPasswordLength on the server

export function SignUpForm() {
  // Signed in at once (autoSignIn); the dashboard sends new users to onboarding.
  const { error, pending, onSubmit } = useAuthForm({
    submit: (form) =>
      authClient.signUp.email({
        name: String(form.get('name')).trim(),
        email: String(form.get('email')).trim(),
        password: String(form.get('password')),
      }),
    failure: 'Sign-up failed',
    fallback: 'Could not create the account.',
  });

  return (
    <form className="form" onSubmit={onSubmit}>
      {error ? <Alert testId="auth-error">{error}</Alert> : null}
      <Field label="Name" name="name" autoComplete="name" required autoFocus />
      <Field label="Work email" name="email" type="email" autoComplete="email" required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD}
        required
        hint={`At least ${MIN_PASSWORD} characters.`}
      />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
