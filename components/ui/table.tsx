import { useTranslations } from 'next-intl';
import type { HTMLAttributes, ReactNode, TableHTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from 'react';

export function Table({ className, ...props }: TableHTMLAttributes<HTMLTableElement>) {
  return (
    // Focusable: a table wider than its card scrolls inside it, and a keyboard must be able to scroll it too (WCAG 2.1.1).
    <div className="table-wrap" tabIndex={0}>
      <table className={['table', className].filter(Boolean).join(' ')} {...props} />
    </div>
  );
}

export const THead = (props: HTMLAttributes<HTMLTableSectionElement>) => <thead {...props} />;
export const TBody = (props: HTMLAttributes<HTMLTableSectionElement>) => <tbody {...props} />;
export const Tr = (props: HTMLAttributes<HTMLTableRowElement>) => <tr {...props} />;

export function Th({ numeric, className, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <th scope="col" className={[numeric && 'num', className].filter(Boolean).join(' ') || undefined} {...props} />;
}

export function Td({ numeric, className, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={[numeric && 'num', className].filter(Boolean).join(' ') || undefined} {...props} />;
}

/** A table's header from its column labels; `actions` ends it with the row actions' column, named for screen readers only. */
export function TableHead({ columns, actions = false }: { columns: readonly string[]; actions?: boolean }) {
  const t = useTranslations('common.ui');
  return (
    <THead>
      <Tr>
        {columns.map((label) => (
          <Th key={label}>{label}</Th>
        ))}
        {actions ? (
          <Th>
            <span className="sr-only">{t('actions')}</span>
          </Th>
        ) : null}
      </Tr>
    </THead>
  );
}

/** A row's actions, right-aligned on one line. */
export function ActionsTd({ children }: { children: ReactNode }) {
  return <Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{children}</Td>;
}
