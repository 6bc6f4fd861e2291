'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';
import { useAuthForm } from './use-auth-form';

export function SignInForm() {
  // The server starts a new session in the user's latest organization; a
  // user without one is sent on to onboarding by the dashboard's layout.
  const { error, pending, onSubmit } = useAuthForm({
    submit: (form) => authClient.signIn.email({ email: String(form.get('email')), password: String(form.get('password')) }),
    failure: 'Sign-in failed',
    fallback: 'Could not sign in. Check your email and password.',
  });

  return (
    <form className="form" onSubmit={onSubmit}>
      {error ? <Alert testId="auth-error">{error}</Alert> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
