'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useStats } from '@/hooks/use-stats';
import { useAttackDetail } from '@/hooks/use-attacks';
import { attackDurationMs, blockedShare, blocksSummary, formatCount, formatDuration } from './describe';

const dismissedKey = (id: string) => `orylo.attack-summary-dismissed.${id}`;

/**
 * After the war room closes: what the attack was and what was done about it,
 * for 30 minutes (stats.lastAttack), with a link to the incident's page.
 * Dismissed per incident, remembered in this browser.
 */
export function AttackSummary({ orgId }: { orgId: string }) {
  const attack = useStats(orgId).data?.lastAttack ?? null;
  const detail = useAttackDetail(orgId, attack?.id ?? null);
  const [dismissed, setDismissed] = useState(true);
  useEffect(() => setDismissed(attack ? localStorage.getItem(dismissedKey(attack.id)) === '1' : true), [attack]);
  if (!attack || dismissed) return null;
  const blocks = detail.data ? blocksSummary(detail.data.actions) : null;
  const dismiss = () => {
    localStorage.setItem(dismissedKey(attack.id), '1');
    setDismissed(true);
  };
  return (
    <section className="attack-summary" role="status" aria-label="Attack over" data-testid="attack-summary">
      <p>
        <strong>Attack over after {formatDuration(attackDurationMs(attack))}:</strong> {formatCount(attack.attempts)} attempts, {blockedShare(attack)} % blocked
        {blocks ? `, ${blocks}` : ''}.{' '}
        <Link href={`/attacks/${attack.id}`} data-testid="attack-summary-link">
          See the incident
        </Link>
      </p>
      <button type="button" className="btn btn-ghost btn-sm" onClick={dismiss} aria-label="Dismiss the summary">
        ✕
      </button>
    </section>
  );
}
