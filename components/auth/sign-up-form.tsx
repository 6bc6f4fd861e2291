'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';

const MIN_PASSWORD = 8; // mirrors emailAndPassword.minPasswordLength on the server

export function SignUpForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signUp.email({
      name: String(form.get('name')).trim(),
      email: String(form.get('email')).trim(),
      password: String(form.get('password')),
    });
    if (error) {
      const message = error.message ?? 'Could not create the account.';
      setError(message);
      toast.error('Sign-up failed', { description: message });
      setPending(false);
      return;
    }
    // Signed in at once (autoSignIn); the dashboard sends new users to onboarding.
    router.replace('/dashboard');
    router.refresh();
  };

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
