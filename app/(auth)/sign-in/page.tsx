import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm, type TDemoAccount } from '@/components/auth/sign-in-form';
import { env } from '@/lib/env';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signIn');
  return { title: t('metaTitle') };
}

/** The demo account, when the launcher made one (`npm run dev`); never on a plain `npm start`. */
function demoAccount(): TDemoAccount | undefined {
  const [email, password] = (env().ORYLO_DEMO_ACCOUNT ?? '').split(' ');
  return email && password ? { email, password } : undefined;
}

export default async function SignInPage() {
  const t = await getTranslations('auth.signIn');
  return (
    <AuthCard title={t('title')} subtitle={t('subtitle')} footer={t.rich('footer', { link: (chunks) => <Link href="/sign-up">{chunks}</Link> })}>
      <SignInForm demo={demoAccount()} />
    </AuthCard>
  );
}
