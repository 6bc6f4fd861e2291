import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signIn');
  return { title: t('metaTitle') };
}

export default async function SignInPage() {
  const t = await getTranslations('auth.signIn');
  return (
    <AuthCard title={t('title')} subtitle={t('subtitle')} footer={t.rich('footer', { link: (chunks) => <Link href="/sign-up">{chunks}</Link> })}>
      <SignInForm />
    </AuthCard>
  );
}
