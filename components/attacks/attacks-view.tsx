'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useOrgId } from '@/components/shell/org-context';
import { useAttacks } from '@/hooks/use-attacks';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { attackDurationMs, blockedShare, formatDuration } from './describe';

/** /attacks – the incident history: every card-testing incident, newest first. */
export function AttacksView() {
  const t = useTranslations('attacks');
  const f = useFormats();
  const errorText = useErrorText();
  const orgId = useOrgId();
  const attacks = useAttacks(orgId);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('list.intro')}</p>
        </div>
      </div>
      <Card>
        <CardHeader title={t('list.cardTitle')} description={t('list.cardDescription')} />
        {attacks.isPending ? (
          <CardBody aria-busy="true">
            <div className="skeleton" />
          </CardBody>
        ) : attacks.isError ? (
          <CardBody>
            <Alert>{t('list.loadFailed', { error: errorText(attacks.error) })}</Alert>
          </CardBody>
        ) : attacks.data.length === 0 ? (
          <CardBody>
            <p className="muted" data-testid="attacks-empty">
              {t('list.empty')}
            </p>
          </CardBody>
        ) : (
          <Table data-testid="attacks-table" aria-label={t('list.label')}>
            <THead>
              <Tr>
                <Th>{t('list.started')}</Th>
                <Th>{t('list.lasted')}</Th>
                <Th>{t('list.status')}</Th>
                <Th>{t('list.attempts')}</Th>
                <Th>{t('list.blocked')}</Th>
                <Th>{t('list.topIps')}</Th>
                <Th>{t('list.topBins')}</Th>
              </Tr>
            </THead>
            <TBody>
              {attacks.data.map((a) => (
                <Tr key={a.id} data-testid="attack-row" data-attack-id={a.id}>
                  <Td>
                    <Link href={`/attacks/${a.id}`}>{f.when(a.startedAt)}</Link>
                  </Td>
                  <Td>{formatDuration(attackDurationMs(a))}</Td>
                  <Td>{a.status === 'open' ? <Badge tone="block">{t('status.open')}</Badge> : <Badge>{t('status.over')}</Badge>}</Td>
                  <Td className="mono">{f.number(a.attempts)}</Td>
                  <Td className="mono">{t('share', { share: blockedShare(a) })}</Td>
                  <Td className="mono" translate="no">
                    {a.topIps.slice(0, 3).map((e) => e.value).join(', ') || '—'}
                  </Td>
                  <Td className="mono" translate="no">
                    {a.topBins.slice(0, 3).map((e) => e.value).join(', ') || '—'}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
