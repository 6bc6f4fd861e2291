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
    // A new session has no active organization. With exactly one there is
    // nothing to choose; with several (or none) onboarding lets the user pick.
    const orgs = await authClient.organization.list();
    const only = orgs.data?.length === 1 ? orgs.data[0] : null;
    if (only) await authClient.organization.setActive({ organizationId: only.id });
    router.replace(only ? '/dashboard' : '/onboarding');
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
