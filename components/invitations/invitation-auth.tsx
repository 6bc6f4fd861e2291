'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useAuthErrorText } from '@/components/auth/use-auth-error-text';
import { authClient } from '@/lib/auth/client';

const MIN_PASSWORD = 8; // mirrors emailAndPassword.minPasswordLength on the server

/**
 * Sign up (the invited address, fixed) or sign in, then back to this very
 * page, which then offers Accept. When the server requires a verified
 * address, the sign-up sends the verification link, which signs the person in
 * and brings them back here (its callbackURL).
 */
export function InvitationAuth({ invitationId, email, hasAccount }: { invitationId: string; email: string; hasAccount: boolean }) {
  const t = useTranslations('invitations');
  const ta = useTranslations('auth');
  const errorText = useAuthErrorText();
  const router = useRouter();
  const [mode, setMode] = useState<'sign-up' | 'sign-in'>(hasAccount ? 'sign-in' : 'sign-up');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [checkInbox, setCheckInbox] = useState(false);
  const here = `/invitations/${encodeURIComponent(invitationId)}`;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const password = String(form.get('password'));
    const { data, error } =
      mode === 'sign-up'
        ? await authClient.signUp.email({ name: String(form.get('name')).trim(), email, password, callbackURL: here })
        : await authClient.signIn.email({ email: String(form.get('email')).trim(), password, callbackURL: here });
    setPending(false);
    if (error) {
      const message = errorText(error, mode === 'sign-up' ? ta('signUp.fallback') : t('signInFallback'));
      setError(message);
      toast.error(mode === 'sign-up' ? ta('signUp.failed') : ta('signIn.failed'), { description: message });
      return;
    }
    // No session yet: the address must be verified first (REQUIRE_EMAIL_VERIFICATION=1).
    if (mode === 'sign-up' && data && 'token' in data && !data.token) return setCheckInbox(true);
    router.refresh();
  };

  if (checkInbox) {
    return (
      <Alert tone="info" testId="invitation-check-inbox">
        {t.rich('checkInbox', { email, e: (chunks) => <span translate="no">{chunks}</span> })}
      </Alert>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} data-testid={`invitation-${mode}`}>
      {error ? <Alert testId="auth-error">{error}</Alert> : null}
      {mode === 'sign-up' ? (
        <>
          <Field label={ta('fields.name')} name="name" autoComplete="name" required autoFocus />
          <Field label={ta('fields.email')} name="email" type="email" value={email} readOnly hint={t('emailHint')} />
          <Field label={ta('fields.password')} name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required hint={ta('fields.passwordHint', { min: MIN_PASSWORD })} />
          <Button type="submit" variant="primary" block disabled={pending}>
            {pending ? ta('signUp.pending') : ta('signUp.submit')}
          </Button>
          <p className="auth-foot">
            {t('haveAccount')}{' '}
            <Button variant="ghost" size="sm" onClick={() => setMode('sign-in')}>
              {t('signIn')}
            </Button>
          </p>
        </>
      ) : (
        <>
          <Field label={ta('fields.email')} name="email" type="email" autoComplete="email" defaultValue={email} required />
          <Field label={ta('fields.password')} name="password" type="password" autoComplete="current-password" required autoFocus />
          <Button type="submit" variant="primary" block disabled={pending}>
            {pending ? ta('signIn.pending') : ta('signIn.submit')}
          </Button>
          <p className="auth-foot">
            {t('newHere')}{' '}
            <Button variant="ghost" size="sm" onClick={() => setMode('sign-up')}>
              {t('createAccount')}
            </Button>
          </p>
        </>
      )}
    </form>
  );
}
