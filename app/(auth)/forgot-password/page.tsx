import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('password.forgot'))('title') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('password.forgot');
  return (
    <AuthCard title={t('title')} subtitle={t('subtitle')} footer={<Link href="/sign-in">{t('back')}</Link>}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
