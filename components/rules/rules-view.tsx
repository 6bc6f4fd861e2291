'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
import { useErrorText } from '@/hooks/use-error-text';
import { useListEntries } from '@/hooks/use-lists';
import { usePermissions } from '@/hooks/use-permissions';
import { Button } from '@/components/ui/button';
import type { TRule } from '@/lib/rules/schema';
import { AddListEntryForm } from './add-list-entry-form';
import { ListsTable } from './lists-table';
import { RuleEditor } from './rule-editor';
import { RulesTable } from './rules-table';
import { ThresholdsForm } from './thresholds-form';
import { useRules } from './use-rules';
import { useThresholds } from './use-thresholds';

const Loading = () => (
  <CardBody>
    <div className="skeleton" />
  </CardBody>
);

export function RulesView() {
  const t = useTranslations('rules');
  const errorText = useErrorText();
  const orgId = useOrgId();
  const rules = useRules(orgId);
  const thresholds = useThresholds(orgId);
  const [includeExpired, setIncludeExpired] = useState(false);
  const lists = useListEntries(orgId, { includeExpired });
  const { can } = usePermissions();
  const canAdd = can('lists.block');
  // The rule open in the editor: a stored one, or null for a new rule.
  const [editing, setEditing] = useState<{ rule: TRule | null } | null>(null);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('page.title')}</h1>
          <p className="muted">{t('page.intro')}</p>
        </div>
      </div>

      <Card>
        <CardHeader title={t('thresholds.title')} description={t('thresholds.description')} />
        {thresholds.isPending ? (
          <Loading />
        ) : thresholds.isError ? (
          <CardBody>
            <Alert>{t('thresholds.loadFailed', { error: errorText(thresholds.error) })}</Alert>
          </CardBody>
        ) : (
          <CardBody>
            <ThresholdsForm orgId={orgId} view={thresholds.data} />
          </CardBody>
        )}
      </Card>

      <Card>
        <CardHeader
          title={t('rules.title')}
          description={t('rules.description')}
          actions={
            can('rules.edit') && rules.isSuccess ? (
              <Button size="sm" variant="primary" onClick={() => setEditing({ rule: null })} data-testid="new-rule">
                {t('rules.new')}
              </Button>
            ) : null
          }
        />
        {rules.isPending ? (
          <Loading />
        ) : rules.isError ? (
          <CardBody>
            <Alert>{t('rules.loadFailed', { error: errorText(rules.error) })}</Alert>
          </CardBody>
        ) : (
          <>
            {can('rules.edit') ? null : (
              <CardBody>
                <RoleNote permission="rules.edit" cannot={t('rules.cannot')} />
              </CardBody>
            )}
            <RulesTable orgId={orgId} rules={rules.data.rules} onOpen={(rule) => setEditing({ rule })} />
          </>
        )}
      </Card>
      {editing ? <RuleEditor key={editing.rule?.id ?? 'new'} orgId={orgId} rule={editing.rule} onClose={() => setEditing(null)} /> : null}

      <Card>
        <CardHeader
          title={t('lists.title')}
          description={t('lists.description')}
          actions={
            <label className="hint" style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
              <input type="checkbox" checked={includeExpired} onChange={(e) => setIncludeExpired(e.target.checked)} data-testid="show-expired" />
              {t('lists.showExpired')}
            </label>
          }
        />
        <CardBody className="form">
          {canAdd ? <AddListEntryForm orgId={orgId} /> : <RoleNote permission="lists.block" cannot={t('lists.cannot')} />}
        </CardBody>
        {lists.isPending ? (
          <Loading />
        ) : lists.isError ? (
          <CardBody>
            <Alert>{t('lists.loadFailed', { error: errorText(lists.error) })}</Alert>
          </CardBody>
        ) : lists.data.entries.length === 0 ? (
          <CardBody>
            <p className="muted">
              {includeExpired ? t('lists.empty') : t('lists.emptyInForce')}
              {canAdd ? ` ${t('lists.addHint')}` : ''}
            </p>
          </CardBody>
        ) : (
          <ListsTable orgId={orgId} entries={lists.data.entries} />
        )}
      </Card>
    </>
  );
}
