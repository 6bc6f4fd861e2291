'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ActionsTd, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useCan } from '@/hooks/use-permissions';
import type { TRule, TUpdateRule } from '@/lib/rules/schema';
import type { TRuleStatsWindow } from '@/lib/rules/stats-window';
import { EditableNumber } from './editable-number';
import { ruleCondition } from '@/lib/rules/schema';
import { actionTone, comparisonCount, isAmountFeature, isRatioFeature, useRuleLabels } from './labels';
import { RuleStatsCell, RuleStatsHeader } from './rule-stats-cell';
import styles from './rules.module.css';
import { Switch } from './switch';
import { useUpdateRule } from './use-rules';

/** `onOpen` opens the rule editor: to edit (rules.edit) or to test a change without saving (rules.backtest). */
export function RulesTable({ orgId, rules, onOpen }: { orgId: string; rules: TRule[]; onOpen: (rule: TRule) => void }) {
  const t = useTranslations('rules.rules');
  const labels = useRuleLabels();
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
          <Th>{t('columns.rule')}</Th>
          <Th>{t('columns.feature')}</Th>
          <Th>{t('columns.window')}</Th>
          <Th>{t('columns.condition')}</Th>
          <Th>{t('columns.action')}</Th>
          <Th>{t('columns.mode')}</Th>
          <Th>{t('columns.enabled')}</Th>
          <Th>
            <RuleStatsHeader window={statsWindow} onChange={setStatsWindow} />
          </Th>
          {canEdit || canTest ? (
            <Th>
              <span className="sr-only">{t('columns.actions')}</span>
            </Th>
          ) : null}
        </Tr>
      </THead>
      <TBody>
        {rules.map((rule) => {
          const name = labels.ruleName(rule);
          const feature = rule.feature ?? '';
          return (
            <Tr key={rule.id} data-testid="rule-row" data-rule-key={rule.key} style={rule.enabled ? undefined : { opacity: 0.6 }}>
              <Td>
                {/* A merchant's own name is data; a built-in rule's name is ours, in the viewer's language. */}
                <span translate={name.own ? 'no' : undefined}>{name.text}</span>
                <span className={`${styles.sub} mono`} translate="no">
                  {rule.key} · v{rule.version}
                </span>
              </Td>
              <Td>
                {labels.featureLabel(rule.feature)}
                {rule.feature ? (
                  <span className={`${styles.sub} mono`} translate="no">
                    {rule.feature}
                  </span>
                ) : (
                  <span className={`${styles.sub} mono`}>{t('comparisons', { count: comparisonCount(ruleCondition(rule)) })}</span>
                )}
              </Td>
              <Td>
                {rule.feature === null || rule.windowSeconds === null || rule.feature === 'amount' || !canEdit ? (
                  labels.windowLabel(rule)
                ) : (
                  // Edited in minutes; stored in seconds.
                  <EditableNumber
                    value={(rule.windowSeconds ?? 0) / 60}
                    display={labels.windowLabel(rule)}
                    label={t('editWindow', { name: name.text })}
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
                  <span data-testid="rule-condition">{labels.conditionLabel(ruleCondition(rule))}</span>
                ) : canEdit ? (
                  <>
                    {labels.operatorLabel(rule)}{' '}
                    {/* The input takes the stored value: a ratio from 0 to 1, an amount in minor units. */}
                    <EditableNumber
                      value={rule.threshold}
                      display={labels.thresholdLabel(rule)}
                      label={t('editThreshold', { name: name.text, kind: isRatioFeature(feature) ? 'ratio' : isAmountFeature(feature) ? 'amount' : 'count' })}
                      step={isRatioFeature(feature) ? '0.01' : 'any'}
                      min={0}
                      disabled={busy(rule)}
                      testId="edit-threshold"
                      onSave={(threshold) => save(rule, { threshold })}
                    />
                  </>
                ) : (
                  `${labels.operatorLabel(rule)} ${labels.thresholdLabel(rule)}`
                )}
              </Td>
              <Td>
                <Badge tone={actionTone(rule.action)}>{labels.actionLabel(rule)}</Badge>
              </Td>
              <Td>
                {canEdit ? (
                  <Switch
                    checked={rule.mode === 'active'}
                    onChange={(active) => save(rule, { mode: active ? 'active' : 'shadow' })}
                    label={t('modeLabel', { name: name.text })}
                    onText={t('active')}
                    offText={t('shadow')}
                    tone="shadow"
                    disabled={busy(rule)}
                    testId="rule-mode"
                  />
                ) : rule.mode === 'active' ? (
                  t('active')
                ) : (
                  <Badge tone="review">{t('shadow')}</Badge>
                )}
              </Td>
              <Td>
                {canEdit ? (
                  <Switch
                    checked={rule.enabled}
                    onChange={(enabled) => save(rule, { enabled })}
                    label={t('enabledLabel', { name: name.text })}
                    onText={t('on')}
                    offText={t('off')}
                    disabled={busy(rule)}
                    testId="rule-enabled"
                  />
                ) : rule.enabled ? (
                  t('on')
                ) : (
                  t('off')
                )}
              </Td>
              <Td>
                <RuleStatsCell orgId={orgId} ruleId={rule.id} window={statsWindow} />
              </Td>
              {canEdit || canTest ? (
                <ActionsTd>
                  <Button size="sm" onClick={() => onOpen(rule)} aria-label={t(canEdit ? 'editLabel' : 'testLabel', { name: name.text })} data-testid={canEdit ? 'edit-rule' : 'test-rule'}>
                    {canEdit ? t('edit') : t('test')}
                  </Button>
                </ActionsTd>
              ) : null}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
