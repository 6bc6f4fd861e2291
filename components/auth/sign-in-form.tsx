'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { authClient } from '@/lib/auth/client';
import { useAuthForm } from './use-auth-form';

/** The demo account the launcher made (`npm run dev`): offered on the page so a newcomer is in with one click. */
export type TDemoAccount = { email: string; password: string };

export function SignInForm({ demo }: { demo?: TDemoAccount }) {
  const t = useTranslations('auth');
  const forgot = useTranslations('password');
  const form = useRef<HTMLFormElement>(null);
  // The server starts a new session in the user's latest organization; a
  // user without one is sent on to onboarding by the dashboard's layout.
  const { error, pending, onSubmit } = useAuthForm({
    submit: (form) => authClient.signIn.email({ email: String(form.get('email')), password: String(form.get('password')) }),
    kind: 'signIn',
  });

  return (
    <form className="form" onSubmit={onSubmit} ref={form}>
      {demo ? (
        <Alert tone="info" testId="demo-account">
          {t.rich('demo.text', { email: demo.email, password: demo.password, b: (chunks) => <strong translate="no">{chunks}</strong> })}{' '}
          <Button
            size="sm"
            variant="primary"
            data-testid="demo-sign-in"
            onClick={() => {
              const f = form.current!;
              (f.elements.namedItem('email') as HTMLInputElement).value = demo.email;
              (f.elements.namedItem('password') as HTMLInputElement).value = demo.password;
              f.requestSubmit();
            }}
          >
            {t('demo.use')}
          </Button>
        </Alert>
      ) : null}
      {error ? <Alert testId="auth-error">{error}</Alert> : null}
      <Field label={t('fields.email')} name="email" type="email" autoComplete="email" required autoFocus />
      <Field label={t('fields.password')} name="password" type="password" autoComplete="current-password" required />
      <Link href="/forgot-password" className="auth-forgot" data-testid="forgot-password">
        {forgot('signInLink')}
      </Link>
      <Button type="submit" variant="primary" block disabled={pending}>
        {pending ? t('signIn.pending') : t('signIn.submit')}
      </Button>
    </form>
  );
}
