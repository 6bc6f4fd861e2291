'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useFormats } from '@/hooks/use-formats';
import { useNotifications } from '@/hooks/use-notifications';
import { useNotificationsSeed } from '@/hooks/use-notifications-seed';
import { playAlertSound } from '@/lib/notifications/sound';
import { notificationsStore, type TNotificationGroup } from '@/lib/notifications/store';
import styles from './notifications-menu.module.css';

/** The current time, refreshed while `active` so "2 min ago" does not go stale in an open panel. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function GroupItem({ group, now }: { group: TNotificationGroup; now: number }) {
  const t = useTranslations('notifications');
  const f = useFormats();
  // Under a minute reads "just now", whatever the clock did (a clock that stepped back too).
  const when = now - group.lastAt < 60_000 ? t('justNow') : f.relative(group.lastAt, now);
  return (
    <li className={styles.item} data-testid="notifications-item" data-kind={group.kind} data-read={group.read}>
      <span className={styles.dot} data-kind={group.kind} aria-hidden />
      <span className={group.read ? styles.title : `${styles.title} ${styles.unread}`}>
        {group.read ? null : <span className="sr-only">{t('unread')}</span>}
        {t('group', { kind: group.kind, count: group.count })}
      </span>
      <time className={styles.time} dateTime={new Date(group.lastAt).toISOString()} title={f.dateTime(group.lastAt)}>
        {when}
      </time>
    </li>
  );
}

/**
 * The header's bell: grouped alerts for blocked payments and payments to
 * review. Opening it does not mark anything read, so the count stays honest
 * until the user says so. Notifications belong to one org: leaving it clears them.
 */
export function NotificationsMenu({ orgId }: { orgId: string }) {
  const t = useTranslations('notifications');
  const { groups, unreadCount, soundEnabled } = useNotifications();
  const [open, setOpen] = useState(false);
  const now = useNow(open);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => () => notificationsStore.clear(), [orgId]);
  // After the clearing effect: on an org switch the old org's are cleared, then the new one's read.
  useNotificationsSeed(orgId);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const toggleSound = () => {
    const enabled = !soundEnabled;
    notificationsStore.setSoundEnabled(enabled);
    // A preview, and this click is the user gesture browsers need to allow audio later.
    if (enabled) playAlertSound();
  };

  return (
    <div className={styles.root} ref={rootRef}>
      <Button
        ref={buttonRef}
        variant="ghost"
        size="sm"
        className={styles.bell}
        aria-label={t('button', { count: unreadCount })}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-testid="notifications-button"
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unreadCount > 0 ? (
          <span className={styles.count} data-testid="notifications-unread" aria-hidden>
            {unreadCount > 99 ? '99+' : unreadCount}
          </span>
        ) : null}
      </Button>

      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          className={styles.panel}
          role="dialog"
          aria-label={t('title')}
          tabIndex={-1}
          data-testid="notifications-panel"
        >
          <div className={styles.head}>
            <h2>{t('title')}</h2>
            <Button variant="ghost" size="sm" disabled={unreadCount === 0} onClick={notificationsStore.markAllRead} data-testid="notifications-mark-read">
              {t('markAllRead')}
            </Button>
          </div>
          {groups.length === 0 ? (
            <p className={styles.empty} data-testid="notifications-empty">
              {t('empty')}
            </p>
          ) : (
            <ul className={styles.list}>
              {groups.map((group) => (
                <GroupItem key={group.id} group={group} now={now} />
              ))}
            </ul>
          )}
          <button type="button" role="switch" aria-checked={soundEnabled} className={styles.switchRow} onClick={toggleSound} data-testid="notifications-sound">
            <span>{t('sound')}</span>
            <span className={styles.track} aria-hidden>
              <span className={styles.thumb} />
            </span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
