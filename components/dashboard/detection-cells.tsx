import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Td, Th, THead, Tr } from '@/components/ui/table';
import { useFormats } from '@/hooks/use-formats';
import type { TDetection } from '@/lib/detections/schema';
import { formatCard, RISK_COLOR } from './format';

// The columns every table of detections starts with (the live table, the
// review queue), so a payment reads the same wherever it is listed.

/** The header: these columns, then the table's own (`children`). */
export function DetectionsHead({ children }: { children: ReactNode }) {
  const t = useTranslations('dashboard.table');
  return (
    <THead>
      <Tr>
        <Th>{t('time')}</Th>
        <Th>{t('order')}</Th>
        <Th numeric>{t('amount')}</Th>
        <Th>{t('card')}</Th>
        <Th>{t('ipEmail')}</Th>
        <Th numeric>{t('score')}</Th>
        {children}
      </Tr>
    </THead>
  );
}

/** `order` replaces the plain order id, e.g. with a button that opens the detection. */
export function DetectionCells({ detection: d, order }: { detection: TDetection; order?: ReactNode }) {
  const f = useFormats();
  // The order id, IP and e-mail are the merchant's data: the same in every language.
  return (
    <>
      <Td className="mono" title={f.dateTime(d.createdAt)}>
        {f.when(d.createdAt)}
      </Td>
      <Td className="mono" translate="no">
        {order ?? d.externalId}
      </Td>
      <Td numeric>{f.money(d.amount, d.currency)}</Td>
      <Td className="mono">{formatCard(d.card)}</Td>
      <Td translate="no">
        <div className="mono">{d.ip ?? '—'}</div>
        <div className="muted">{d.email ?? ''}</div>
      </Td>
      <Td numeric>
        <strong style={{ color: RISK_COLOR[d.riskLevel] }}>{d.score}</strong>
      </Td>
    </>
  );
}
