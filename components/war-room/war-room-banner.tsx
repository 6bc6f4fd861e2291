'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useOpenAttack } from '@/hooks/war-room';

/** Wherever the user is: a red banner while the org is under a card-testing attack. */
export function WarRoomBanner({ orgId }: { orgId: string }) {
  const t = useTranslations('warRoom.banner');
  const attack = useOpenAttack(orgId).data;
  if (!attack) return null;
  return (
    <div className="war-banner" role="alert" data-testid="war-room-banner">
      <strong>{t('title')}</strong>
      <span>{t('figures', { attempts: attack.attempts, perMinute: attack.attemptsPerMinute, blocked: attack.blocked, cards: attack.distinctCards })}</span>
      <Link href="/dashboard#war-room" className="war-banner-link">
        {t('open')}
      </Link>
    </div>
  );
}
