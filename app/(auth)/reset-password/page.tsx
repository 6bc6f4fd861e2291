import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('password.reset'))('title') };
}

// Better Auth's link lands here with ?token=… (or ?error=INVALID_TOKEN when it had expired).
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string; error?: string }> }) {
  const { token, error } = await searchParams;
  const t = await getTranslations('password');
  return (
    <AuthCard title={t('reset.title')} subtitle={t('reset.subtitle')} footer={<Link href="/sign-in">{t('forgot.back')}</Link>}>
      <ResetPasswordForm token={error ? null : (token ?? null)} />
    </AuthCard>
  );
}
