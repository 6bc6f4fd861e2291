'use client';

import { useTranslations } from 'next-intl';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useFormats } from '@/hooks/use-formats';
import type { TAuditEntryView } from '@/lib/audit/find';
import { AuditEntry } from './audit-entry';
import styles from './audit.module.css';

export function AuditTable({ entries }: { entries: TAuditEntryView[] }) {
  const t = useTranslations('audit.table');
  const f = useFormats();
  return (
    <Table data-testid="audit-table" aria-label={t('label')}>
      <THead>
        <Tr>
          <Th>{t('when')}</Th>
          <Th>{t('what')}</Th>
          <Th>{t('ip')}</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <Tr key={e.id} data-testid="audit-row" data-action={e.action} data-target-id={e.targetId ?? ''}>
            <Td className={styles.when}>
              {/* The exact instant for machines and copy-paste; people read the date and how long ago. */}
              <time dateTime={e.createdAt} data-testid="audit-when">
                {f.dateTime(e.createdAt)}
              </time>
              <div className="muted">{f.relative(e.createdAt)}</div>
            </Td>
            <Td>
              <AuditEntry entry={e} />
            </Td>
            <Td className="mono" translate="no">
              {e.ip ?? '—'}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
