import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

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
      </Card>
    </main>
  );
}
