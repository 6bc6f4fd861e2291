'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { useAudit } from '@/hooks/use-audit';
import { AuditTable } from './audit-table';
import styles from './audit.module.css';

export function AuditView() {
  const orgId = useOrgId();
  const [action, setAction] = useState('');
  const audit = useAudit(orgId, action ? { action } : {});
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];
  // The first page lists every action the org has, so the filter offers only real ones.
  const actions = audit.data?.pages[0]?.actions ?? [];

  const filter = (
    <label className={styles.filters}>
      <span className="hint">Action</span>
      <select className="select" value={action} onChange={(e) => setAction(e.target.value)} data-testid="audit-action-filter">
        <option value="">All actions</option>
        {(action && !actions.includes(action) ? [action, ...actions] : actions).map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="muted">
            Who did what in this organization: reviews, list changes, rules and thresholds. Entries are written with the change itself and can
            never be edited or deleted.
          </p>
        </div>
      </div>

      <Card>
        <CardHeader title="Entries" description="Newest first. Hover a change to see the full before and after." actions={filter} />
        {audit.isPending ? (
          <CardBody aria-busy="true" style={{ display: 'grid', gap: 10 }}>
            {[0, 1, 2].map((i) => (
              <div key={i} className="skeleton" />
            ))}
          </CardBody>
        ) : audit.isError ? (
          <CardBody style={{ display: 'grid', gap: 10, justifyItems: 'start' }}>
            <Alert>Could not load the audit log: {audit.error.message}</Alert>
            <Button size="sm" onClick={() => void audit.refetch()}>
              Try again
            </Button>
          </CardBody>
        ) : entries.length === 0 ? (
          <CardBody>
            <p className="muted" data-testid="audit-empty">
              {action ? `No "${action}" entries yet.` : 'Nothing recorded yet. Reviews and list or rule changes will appear here.'}
            </p>
          </CardBody>
        ) : (
          <div style={{ opacity: audit.isPlaceholderData ? 0.6 : 1 }}>
            <AuditTable entries={entries} />
            {audit.hasNextPage ? (
              <div className={styles.footer}>
                <Button size="sm" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage} data-testid="audit-load-more">
                  {audit.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </Button>
              </div>
            ) : null}
          </div>
        )}
      </Card>
    </>
  );
}
