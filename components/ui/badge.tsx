import type { HTMLAttributes } from 'react';

type TBadgeProps = HTMLAttributes<HTMLSpanElement> & { tone?: 'neutral' | 'allow' | 'review' | 'block' };

export function Badge({ tone = 'neutral', className, ...props }: TBadgeProps) {
  return <span className={['badge', tone !== 'neutral' && `badge-${tone}`, className].filter(Boolean).join(' ')} {...props} />;
}
