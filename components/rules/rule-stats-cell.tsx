'use client';

import { useRuleStats } from '@/hooks/use-rule-stats';
import { RULE_STATS_WINDOW_NAMES, type TRuleStatsWindow } from '@/lib/rules/stats-window';
import styles from './rules.module.css';

// The rules table's performance column: what each rule did over the chosen
// window (GET /api/v1/rules/:id/stats), kept out of rules-table.tsx.

const WINDOW_TITLE: Record<TRuleStatsWindow, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };
const WINDOW_SHORT: Record<TRuleStatsWindow, string> = { '24h': '24 h', '7d': '7 d', '30d': '30 d' };

const count = (n: number) => n.toLocaleString('en-US');

/** The column's title and its window switcher (one window for the whole table). */
export function RuleStatsHeader({ window, onChange }: { window: TRuleStatsWindow; onChange: (w: TRuleStatsWindow) => void }) {
  return (
    <span className={styles.statsHead}>
      {WINDOW_TITLE[window]}
      <span className="segmented" role="group" aria-label="Performance window">
        {RULE_STATS_WINDOW_NAMES.map((w) => (
          <button key={w} type="button" className={`segmented-item ${styles.statsTab}`} aria-pressed={w === window} onClick={() => onChange(w)}>
            {WINDOW_SHORT[w]}
          </button>
        ))}
      </span>
    </span>
  );
}

export function RuleStatsCell({ orgId, ruleId, window }: { orgId: string; ruleId: string; window: TRuleStatsWindow }) {
  const { data, isPending, isError } = useRuleStats(orgId, ruleId, window);
  if (isPending) return <span className={styles.sub}>…</span>;
  if (isError || !data) return <span className={styles.sub}>Unavailable</span>;
  const { fires, shadowFires, decided, reviews, labels, precision } = data;
  const labelled = labels.fraud + labels.legit;
  return (
    <span data-testid="rule-stats" data-fires={fires} data-decided={decided} className={styles.stats}>
      <span title={shadowFires ? `${count(shadowFires)} of them in shadow: reported, not applied` : undefined}>
        <strong>{count(fires)}</strong> fires · {count(decided)} decided
      </span>
      <span className={styles.sub}>
        <span title="Its REVIEWs approved / blocked by analysts">
          ✓ {count(reviews.approved)} / ✗ {count(reviews.blocked)}
        </span>
        {' · '}
        <span title={labelled ? `${count(labels.fraud)} fraud, ${count(labels.legit)} legit among the labelled` : 'No outcome labelled yet'}>
          {precision === null ? 'precision –' : `precision ${Math.round(precision * 100)} %`}
        </span>
      </span>
    </span>
  );
}
