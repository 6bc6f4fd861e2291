import type { ComponentProps } from 'react';

type TButtonProps = ComponentProps<'button'> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'md' | 'sm';
  block?: boolean;
};

export function Button({ variant = 'secondary', size = 'md', block, className, type = 'button', ...props }: TButtonProps) {
  const classes = ['btn', `btn-${variant}`, size === 'sm' && 'btn-sm', block && 'btn-block', className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...props} />;
}
