import type { ReactNode } from 'react';

export function Alert({ tone = 'error', children, testId }: { tone?: 'error' | 'info'; children: ReactNode; testId?: string }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
