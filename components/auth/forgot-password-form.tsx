'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';

/**
 * Asks Better Auth for a reset link. The answer is the same whether or not
 * the address has an account: the page must not tell who uses Orylo.
 */
export function ForgotPasswordForm() {
  const t = useTranslations('password.forgot');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email')).trim();
    setPending(true);
    setFailed(false);
    const { error } = await authClient.requestPasswordReset({ email, redirectTo: '/reset-password' });
    setPending(false);
    if (error) setFailed(true);
    else setSentTo(email);
  };

  if (sentTo) {
    return (
      <Alert tone="info" testId="reset-sent">
        {t.rich('sent', { email: sentTo, b: (chunks) => <strong translate="no">{chunks}</strong> })}
      </Alert>
    );
  }
  return (
    <form className="form" onSubmit={onSubmit}>
      {failed ? <Alert testId="auth-error">{t('failed')}</Alert> : null}
      <Field label={t('email')} name="email" type="email" autoComplete="email" required autoFocus />
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? t('pending') : t('submit')}
      </Button>
    </form>
  );
}
