import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <AuthCard
      title="Sign in"
      subtitle="Watch your payments being scored as they happen."
      footer={
        <>
          New to Orylo? <Link href="/sign-up">Create an account</Link>
        </>
      }
    >
      <SignInForm />
    </AuthCard>
  );
}
