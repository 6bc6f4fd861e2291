'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ActionsTd, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useCan } from '@/hooks/use-permissions';
import type { TRule, TUpdateRule } from '@/lib/rules/schema';
import type { TRuleStatsWindow } from '@/lib/rules/stats-window';
import { EditableNumber } from './editable-number';
import { ruleCondition } from '@/lib/rules/schema';
import { actionLabel, actionTone, comparisonCount, conditionLabel, featureLabel, isRatioFeature, operatorLabel, thresholdLabel, windowLabel } from './labels';
import { RuleStatsCell, RuleStatsHeader } from './rule-stats-cell';
import styles from './rules.module.css';
import { Switch } from './switch';
import { useUpdateRule } from './use-rules';

/** `onOpen` opens the rule editor: to edit (rules.edit) or to test a change without saving (rules.backtest). */
export function RulesTable({ orgId, rules, onOpen }: { orgId: string; rules: TRule[]; onOpen: (rule: TRule) => void }) {
  const update = useUpdateRule(orgId);
  const save = (rule: TRule, patch: TUpdateRule) => update.mutate({ rule, patch });
  const busy = (rule: TRule) => update.isPending && update.variables?.rule.id === rule.id;
  // Only owners and admins edit rules; everyone else reads the same values as text.
  const canEdit = useCan('rules.edit');
  const [statsWindow, setStatsWindow] = useState<TRuleStatsWindow>('7d');
  const canTest = useCan('rules.backtest');

  return (
    <Table data-testid="rules-table">
      <THead>
        <Tr>
          <Th>Rule</Th>
          <Th>Feature</Th>
          <Th>Window</Th>
          <Th>Condition</Th>
          <Th>Action</Th>
          <Th>Mode</Th>
          <Th>Enabled</Th>
          <Th>
            <RuleStatsHeader window={statsWindow} onChange={setStatsWindow} />
          </Th>
          {canEdit || canTest ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </Tr>
      </THead>
      <TBody>
        {rules.map((rule) => (
          <Tr key={rule.id} data-testid="rule-row" data-rule-key={rule.key} style={rule.enabled ? undefined : { opacity: 0.6 }}>
            <Td>
              {rule.name}
              <span className={`${styles.sub} mono`}>
                {rule.key} · v{rule.version}
              </span>
            </Td>
            <Td>
              {featureLabel(rule.feature)}
              <span className={`${styles.sub} mono`}>{rule.feature ?? `${comparisonCount(ruleCondition(rule))} comparisons`}</span>
            </Td>
            <Td>
              {rule.feature === null || rule.windowSeconds === null || rule.feature === 'amount' || !canEdit ? (
                windowLabel(rule)
              ) : (
                // Edited in minutes; stored in seconds.
                <EditableNumber
                  value={(rule.windowSeconds ?? 0) / 60}
                  display={windowLabel(rule)}
                  label={`window of "${rule.name}" in minutes`}
                  step="1"
                  min={1}
                  disabled={busy(rule)}
                  testId="edit-window"
                  onSave={(minutes) => save(rule, { windowSeconds: Math.round(minutes * 60) })}
                />
              )}
            </Td>
            <Td style={{ whiteSpace: rule.condition ? 'normal' : 'nowrap' }}>
              {rule.condition || rule.threshold === null ? (
                <span data-testid="rule-condition">{conditionLabel(ruleCondition(rule))}</span>
              ) : canEdit ? (
                <>
                {operatorLabel(rule)}{' '}
                <EditableNumber
                  value={rule.threshold}
                  display={thresholdLabel(rule)}
                  label={`threshold of "${rule.name}"${isRatioFeature(rule.feature ?? '') ? ' (a ratio from 0 to 1)' : ''}`}
                  step={isRatioFeature(rule.feature ?? '') ? '0.01' : 'any'}
                  min={0}
                  disabled={busy(rule)}
                  testId="edit-threshold"
                  onSave={(threshold) => save(rule, { threshold })}
                />
                </>
              ) : (
                `${operatorLabel(rule)} ${thresholdLabel(rule)}`
              )}
            </Td>
            <Td>
              <Badge tone={actionTone(rule.action)}>{actionLabel(rule)}</Badge>
            </Td>
            <Td>
              {canEdit ? (
                <Switch
                  checked={rule.mode === 'active'}
                  onChange={(active) => save(rule, { mode: active ? 'active' : 'shadow' })}
                  label={`Mode of "${rule.name}": active decides, shadow only reports`}
                  onText="Active"
                  offText="Shadow"
                  tone="shadow"
                  disabled={busy(rule)}
                  testId="rule-mode"
                />
              ) : rule.mode === 'active' ? (
                'Active'
              ) : (
                <Badge tone="review">Shadow</Badge>
              )}
            </Td>
            <Td>
              {canEdit ? (
                <Switch
                  checked={rule.enabled}
                  onChange={(enabled) => save(rule, { enabled })}
                  label={`"${rule.name}" enabled`}
                  onText="On"
                  offText="Off"
                  disabled={busy(rule)}
                  testId="rule-enabled"
                />
              ) : rule.enabled ? (
                'On'
              ) : (
                'Off'
              )}
            </Td>
            <Td>
              <RuleStatsCell orgId={orgId} ruleId={rule.id} window={statsWindow} />
            </Td>
            {canEdit || canTest ? (
              <ActionsTd>
                <Button size="sm" onClick={() => onOpen(rule)} aria-label={`${canEdit ? 'Edit' : 'Test a change to'} "${rule.name}"`} data-testid={canEdit ? 'edit-rule' : 'test-rule'}>
                  {canEdit ? 'Edit' : 'Test…'}
                </Button>
              </ActionsTd>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
