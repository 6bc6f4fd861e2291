'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';

// Sign-in and sign-up submit the same way: one request to Better Auth, its
// error shown on the form and in a toast, then on to the dashboard (which
// sends a user without an organization on to onboarding).

type TAuthResult = { error: { message?: string } | null };

export function useAuthForm({ submit, failure, fallback }: {
  submit: (form: FormData) => Promise<TAuthResult>;
  /** The toast's title, e.g. "Sign-in failed". */
  failure: string;
  /** When the server gives no message. */
  fallback: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await submit(form);
    if (error) {
      const message = error.message ?? fallback;
      setError(message);
      toast.error(failure, { description: message });
      setPending(false);
      return;
    }
    router.replace('/dashboard');
    router.refresh();
  };

  return { error, pending, onSubmit };
}
