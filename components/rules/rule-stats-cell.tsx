'use client';

import { useTranslations } from 'next-intl';
import { useRuleStats } from '@/hooks/use-rule-stats';
import { useFormats } from '@/hooks/use-formats';
import { RULE_STATS_WINDOW_NAMES, type TRuleStatsWindow } from '@/lib/rules/stats-window';
import styles from './rules.module.css';

// The rules table's performance column: what each rule did over the chosen
// window (GET /api/v1/rules/:id/stats), kept out of rules-table.tsx.

/** The column's title and its window switcher (one window for the whole table). */
export function RuleStatsHeader({ window, onChange }: { window: TRuleStatsWindow; onChange: (w: TRuleStatsWindow) => void }) {
  const t = useTranslations('rules.stats');
  return (
    <span className={styles.statsHead}>
      {t(`windowTitle.${window}`)}
      <span className="segmented" role="group" aria-label={t('windowGroup')}>
        {RULE_STATS_WINDOW_NAMES.map((w) => (
          <button key={w} type="button" className={`segmented-item ${styles.statsTab}`} aria-pressed={w === window} onClick={() => onChange(w)}>
            {t(`windowShort.${w}`)}
          </button>
        ))}
      </span>
    </span>
  );
}

export function RuleStatsCell({ orgId, ruleId, window }: { orgId: string; ruleId: string; window: TRuleStatsWindow }) {
  const t = useTranslations('rules.stats');
  const f = useFormats();
  const { data, isPending, isError } = useRuleStats(orgId, ruleId, window);
  if (isPending) return <span className={styles.sub}>…</span>;
  if (isError || !data) return <span className={styles.sub}>{t('unavailable')}</span>;
  const { fires, shadowFires, decided, reviews, labels, precision } = data;
  const labelled = labels.fraud + labels.legit;
  return (
    <span data-testid="rule-stats" data-fires={fires} data-decided={decided} className={styles.stats}>
      <span title={shadowFires ? t('inShadow', { count: shadowFires }) : undefined}>
        {t.rich('fires', { fires, decided, b: (chunks) => <strong>{chunks}</strong> })}
      </span>
      <span className={styles.sub}>
        <span title={t('reviewsTitle')}>
          ✓ {f.number(reviews.approved)} / ✗ {f.number(reviews.blocked)}
        </span>
        {' · '}
        <span title={labelled ? t('labelled', { fraud: labels.fraud, legit: labels.legit }) : t('noLabel')}>
          {t('precision', { value: precision === null ? '–' : f.percent(precision) })}
        </span>
      </span>
    </span>
  );
}
