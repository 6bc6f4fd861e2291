'use client';

import Link from 'next/link';
import { formatCount } from '@/components/dashboard/format';
import { useOpenAttack } from '@/hooks/war-room';

/** Wherever the user is: a red banner while the org is under a card-testing attack. */
export function WarRoomBanner({ orgId }: { orgId: string }) {
  const attack = useOpenAttack(orgId).data;
  if (!attack) return null;
  return (
    <div className="war-banner" role="alert" data-testid="war-room-banner">
      <strong>Card-testing attack under way</strong>
      <span>
        {formatCount(attack.attempts)} attempts · {formatCount(attack.attemptsPerMinute)}/min · {formatCount(attack.blocked)} blocked ·{' '}
        {formatCount(attack.distinctCards)} distinct cards
      </span>
      <Link href="/dashboard#war-room" className="war-banner-link">
        Open the war room
      </Link>
    </div>
  );
}
