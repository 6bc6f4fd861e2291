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
        <Th data-cell="time">{t('time')}</Th>
        <Th data-cell="order">{t('order')}</Th>
        <Th numeric data-cell="amount">{t('amount')}</Th>
        <Th data-cell="card">{t('card')}</Th>
        <Th data-cell="ip">{t('ipEmail')}</Th>
        <Th numeric data-cell="score">{t('score')}</Th>
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
      {/* data-cell names each column for the phone layout (globals.css), which keeps time, amount, score and decision. */}
      <Td className="mono" title={f.dateTime(d.createdAt)} data-cell="time">
        {f.when(d.createdAt)}
      </Td>
      <Td className="mono" translate="no" data-cell="order">
        {order ?? d.externalId}
      </Td>
      <Td numeric data-cell="amount">
        {f.money(d.amount, d.currency)}
      </Td>
      <Td className="mono" data-cell="card">
        {formatCard(d.card)}
      </Td>
      <Td translate="no" data-cell="ip">
        <div className="mono">{d.ip ?? '—'}</div>
        <div className="muted">{d.email ?? ''}</div>
      </Td>
      <Td numeric data-cell="score">
        <strong style={{ color: RISK_COLOR[d.riskLevel] }}>{d.score}</strong>
      </Td>
    </>
  );
}
