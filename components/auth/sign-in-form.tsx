'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({
      email: String(form.get('email')),
      password: String(form.get('password')),
    });
    if (error) {
      const message = error.message ?? 'Could not sign in. Check your email and password.';
      setError(message);
      toast.error('Sign-in failed', { description: message });
      setPending(false);
      return;
    }
    // The server starts a new session in the user's latest organization; a
    // user without one is sent on to onboarding by the dashboard's layout.
    router.replace('/dashboard');
    router.refresh();
  };

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
