'use client';

import Link from 'next/link';
import { useOpenAttack } from '@/hooks/war-room';

/** Wherever the user is: a red banner while the org is under a card-testing attack. */
export function WarRoomBanner({ orgId }: { orgId: string }) {
  const attack = useOpenAttack(orgId).data;
  if (!attack) return null;
  return (
    <div className="war-banner" role="alert" data-testid="war-room-banner">
      <strong>Card-testing attack under way</strong>
      <span>
        {attack.attempts.toLocaleString('en-US')} attempts · {attack.attemptsPerMinute.toLocaleString('en-US')}/min · {attack.blocked.toLocaleString('en-US')} blocked ·{' '}
        {attack.distinctCards.toLocaleString('en-US')} distinct cards
      </span>
      <Link href="/dashboard#war-room" className="war-banner-link">
        Open the war room
      </Link>
    </div>
  );
}
