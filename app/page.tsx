import { redirect } from 'next/navigation';

// The dashboard decides where a visitor belongs (sign-in, onboarding or the data).
export default function Home() {
  redirect('/dashboard');
}
