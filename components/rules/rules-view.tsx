'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useOrgId } from '@/components/shell/org-context';
import { RoleNote } from '@/components/shell/role-note';
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
          <h1>Rules</h1>
          <p className="muted">How each payment attempt is decided: allow and block lists first, then the rules, then the thresholds. Changes apply from the next payment.</p>
        </div>
      </div>

      <Card>
        <CardHeader title="Thresholds" description="The score at which a payment goes to review, and at which it is blocked." />
        {thresholds.isPending ? (
          <Loading />
        ) : thresholds.isError ? (
          <CardBody>
            <Alert>Could not load the thresholds: {thresholds.error.message}</Alert>
          </CardBody>
        ) : (
          <CardBody>
            <ThresholdsForm orgId={orgId} view={thresholds.data} />
          </CardBody>
        )}
      </Card>

      <Card>
        <CardHeader
          title="Rules"
          description="Counts include the attempt being scored. A shadow rule is evaluated and reported on the detection without deciding: try a change there first, or test it on past payments in the editor."
          actions={
            can('rules.edit') && rules.isSuccess ? (
              <Button size="sm" variant="primary" onClick={() => setEditing({ rule: null })} data-testid="new-rule">
                New rule
              </Button>
            ) : null
          }
        />
        {rules.isPending ? (
          <Loading />
        ) : rules.isError ? (
          <CardBody>
            <Alert>Could not load the rules: {rules.error.message}</Alert>
          </CardBody>
        ) : (
          <>
            {can('rules.edit') ? null : (
              <CardBody>
                <RoleNote permission="rules.edit" cannot="edit rules" />
              </CardBody>
            )}
            <RulesTable orgId={orgId} rules={rules.data.rules} onOpen={(rule) => setEditing({ rule })} />
          </>
        )}
      </Card>
      {editing ? <RuleEditor key={editing.rule?.id ?? 'new'} orgId={orgId} rule={editing.rule} onClose={() => setEditing(null)} /> : null}

      <Card>
        <CardHeader
          title="Allow and block lists"
          description="Checked before any rule. A block entry blocks with score 100; an allow entry allows; block wins when both match."
          actions={
            <label className="hint" style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
              <input type="checkbox" checked={includeExpired} onChange={(e) => setIncludeExpired(e.target.checked)} data-testid="show-expired" />
              Show expired
            </label>
          }
        />
        <CardBody className="form">
          {canAdd ? <AddListEntryForm orgId={orgId} /> : <RoleNote permission="lists.block" cannot="add or remove list entries" />}
        </CardBody>
        {lists.isPending ? (
          <Loading />
        ) : lists.isError ? (
          <CardBody>
            <Alert>Could not load the lists: {lists.error.message}</Alert>
          </CardBody>
        ) : lists.data.entries.length === 0 ? (
          <CardBody>
            <p className="muted">
              No entries{includeExpired ? '' : ' in force'}.{canAdd ? ' Add an IP, card, BIN, email, device or customer above.' : ''}
            </p>
          </CardBody>
        ) : (
          <ListsTable orgId={orgId} entries={lists.data.entries} />
        )}
      </Card>
    </>
  );
}
