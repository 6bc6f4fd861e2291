'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { useAudit } from '@/hooks/use-audit';
import { useErrorText } from '@/hooks/use-error-text';
import { AuditTable } from './audit-table';
import { actionKey } from './sentence';
import styles from './audit.module.css';

export function AuditView() {
  const t = useTranslations('audit');
  const errorText = useErrorText();
  const orgId = useOrgId();
  const [action, setAction] = useState('');
  const audit = useAudit(orgId, action ? { action } : {});
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];
  // The first page lists every action the org has, so the filter offers only real ones.
  const actions = audit.data?.pages[0]?.actions ?? [];
  // An action this page has no name for (a newer server) shows as its code.
  const actionName = (a: string) => (t.has(actionKey(a) as never) ? t(actionKey(a) as never) : a);

  const filter = (
    <label className={styles.filters}>
      <span className="hint">{t('filter.label')}</span>
      <select className="select" value={action} onChange={(e) => setAction(e.target.value)} data-testid="audit-action-filter">
        <option value="">{t('filter.all')}</option>
        {(action && !actions.includes(action) ? [action, ...actions] : actions).map((a) => (
          <option key={a} value={a}>
            {actionName(a)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
      </div>

      <Card>
        <CardHeader title={t('entries.title')} description={t('entries.description')} actions={filter} />
        {audit.isPending ? (
          <CardBody aria-busy="true" style={{ display: 'grid', gap: 10 }}>
            {[0, 1, 2].map((i) => (
              <div key={i} className="skeleton" />
            ))}
          </CardBody>
        ) : audit.isError ? (
          <CardBody style={{ display: 'grid', gap: 10, justifyItems: 'start' }}>
            <Alert>{t('loadFailed', { error: errorText(audit.error) })}</Alert>
            <Button size="sm" onClick={() => void audit.refetch()}>
              {t('retry')}
            </Button>
          </CardBody>
        ) : entries.length === 0 ? (
          <CardBody>
            <p className="muted" data-testid="audit-empty">
              {action ? t('empty.filtered', { action: actionName(action) }) : t('empty.none')}
            </p>
          </CardBody>
        ) : (
          <div style={{ opacity: audit.isPlaceholderData ? 0.6 : 1 }}>
            <AuditTable entries={entries} />
            {audit.hasNextPage ? (
              <div className={styles.footer}>
                <Button size="sm" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage} data-testid="audit-load-more">
                  {audit.isFetchingNextPage ? t('loading') : t('loadMore')}
                </Button>
              </div>
            ) : null}
          </div>
        )}
      </Card>
    </>
  );
}
