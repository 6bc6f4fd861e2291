'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useAuthErrorText, type TAuthError } from './use-auth-error-text';

// Sign-in and sign-up submit the same way: one request to Better Auth, its
// error shown on the form and in a toast (in the reader's language, from the
// error's code), then on to the dashboard (which sends a user without an
// organization on to onboarding).

type TAuthResult = { error: TAuthError | null };

export function useAuthForm({ submit, kind }: {
  submit: (form: FormData) => Promise<TAuthResult>;
  /** Which form: its toast's title and its generic failure come from auth.<kind>. */
  kind: 'signIn' | 'signUp';
}) {
  const router = useRouter();
  const t = useTranslations(`auth.${kind}`);
  const errorText = useAuthErrorText();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await submit(form);
    if (error) {
      const message = errorText(error, t('fallback'));
      setError(message);
      toast.error(t('failed'), { description: message });
      setPending(false);
      return;
    }
    router.replace('/dashboard');
    router.refresh();
  };

  return { error, pending, onSubmit };
}
