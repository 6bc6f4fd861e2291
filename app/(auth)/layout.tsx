import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { getServerSession } from '@/lib/auth/session';

// Signed-in visitors have nothing to do on the sign-in and sign-up pages.
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession();
  if (session) redirect('/dashboard');
  return children;
}
