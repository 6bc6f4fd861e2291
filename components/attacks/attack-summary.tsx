'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useStats } from '@/hooks/use-stats';
import { useAttackDetail } from '@/hooks/use-attacks';
import { attackDurationMs, blockedShare, blocksSummary, formatDuration } from './describe';

const dismissedKey = (id: string) => `orylo.attack-summary-dismissed.${id}`;

/**
 * After the war room closes: what the attack was and what was done about it,
 * for 30 minutes (stats.lastAttack), with a link to the incident's page.
 * Dismissed per incident, remembered in this browser.
 */
export function AttackSummary({ orgId }: { orgId: string }) {
  const t = useTranslations('attacks');
  const attack = useStats(orgId).data?.lastAttack ?? null;
  const detail = useAttackDetail(orgId, attack?.id ?? null);
  const [dismissed, setDismissed] = useState(true);
  useEffect(() => setDismissed(attack ? localStorage.getItem(dismissedKey(attack.id)) === '1' : true), [attack]);
  if (!attack || dismissed) return null;
  const blocks = detail.data ? blocksSummary(t, detail.data.actions) : null;
  const dismiss = () => {
    localStorage.setItem(dismissedKey(attack.id), '1');
    setDismissed(true);
  };
  return (
    <section className="attack-summary" role="status" aria-label={t('summary.label')} data-testid="attack-summary">
      <p>
        <strong>{t('summary.lead', { duration: formatDuration(attackDurationMs(attack)) })}</strong>{' '}
        {t('summary.figures', { attempts: attack.attempts, share: blockedShare(attack) })}
        {blocks ? `, ${blocks}` : ''}.{' '}
        <Link href={`/attacks/${attack.id}`} data-testid="attack-summary-link">
          {t('summary.link')}
        </Link>
      </p>
      <button type="button" className="btn btn-ghost btn-sm" onClick={dismiss} aria-label={t('summary.dismiss')}>
        ✕
      </button>
    </section>
  );
}
