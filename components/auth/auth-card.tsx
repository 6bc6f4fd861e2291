import type { ReactNode } from 'react';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { Card } from '@/components/ui/card';

// The card of the pages before the app (sign-in, sign-up, onboarding,
// invitations). The language can be chosen here already: the header's
// switcher is only shown once signed in.
export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="auth-page">
      <Card className="auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden />
          Orylo
        </div>
        <div>
          <h1>{title}</h1>
          {subtitle ? <p className="muted" style={{ marginTop: 4 }}>{subtitle}</p> : null}
        </div>
        {children}
        {footer ? <div className="auth-foot">{footer}</div> : null}
        <div style={{ display: 'flex', justifyContent: 'center' }}>
          <LanguageSwitcher />
        </div>
      </Card>
    </main>
  );
}
