import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import './globals.css';
import './live.css';

export const metadata: Metadata = {
  title: { default: 'Orylo', template: '%s · Orylo' },
  description: 'Real-time fraud detection dashboard',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
