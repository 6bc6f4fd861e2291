import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignUpForm } from '@/components/auth/sign-up-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signUp');
  return { title: t('metaTitle') };
}

export default async function SignUpPage() {
  const t = await getTranslations('auth.signUp');
  return (
    <AuthCard title={t('title')} subtitle={t('subtitle')} footer={t.rich('footer', { link: (chunks) => <Link href="/sign-in">{chunks}</Link> })}>
      <SignUpForm />
    </AuthCard>
  );
}
