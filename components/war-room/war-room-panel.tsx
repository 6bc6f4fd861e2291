'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { memo, useMemo, useState } from 'react';
import { thresholdsQueryOptions } from '@/components/rules/queries';
import { useRealtimeStatus, useStaleNotice } from '@/components/shell/realtime-status';
import { RoleNote } from '@/components/shell/role-note';
import { Button } from '@/components/ui/button';
import { useFormats } from '@/hooks/use-formats';
import { ENTRIES_IN_FORCE, useListEntries } from '@/hooks/use-lists';
import { usePermissions } from '@/hooks/use-permissions';
import { useStats } from '@/hooks/use-stats';
import {
  DURATIONS,
  useBlockFromWarRoom,
  useOpenAttack,
  useRaiseThresholds,
  useWarRoomTimeline,
  type TBlockTarget,
} from '@/hooks/war-room';
import { listEntryPermission } from '@/lib/lists/schema';
import { overridePermission } from '@/lib/scoring/thresholds';
import { TopTable } from './top-table';

/** Stricter thresholds for the war room: review and block at lower scores, for an hour. */
const TIGHTENED = { review: 30, block: 60, minutes: 60 };
/** During an attack every analyst sees the others' blocks within 2 s. */
const LISTS_REFRESH_MS = 2_000;

/** The catalog's word for each block duration the hook offers (keyed by its length; 0 is for good). */
const DURATION_KEY = { 3_600_000: 'hour', 86_400_000: 'day', 0: 'forever' } as const;

/** While the stream is not live the attack's updates do not arrive: read the incident every 2 s instead. */
const STALE_REFRESH_MS = 2_000;

/**
 * The war room, on top of the dashboard while an attack is open: live
 * counters, attempts per minute, the top IPs / BINs / cards with one-click
 * blocks, stricter thresholds, the CSV export and the incident's timeline.
 * Memoised on orgId: the dashboard re-renders with every batch of rows, this does not need to.
 */
export const WarRoomPanel = memo(function WarRoomPanel({ orgId }: { orgId: string }) {
  const t = useTranslations('warRoom.panel');
  const f = useFormats();
  const live = useRealtimeStatus().state === 'live';
  const attackQuery = useOpenAttack(orgId, live ? {} : { refetchInterval: STALE_REFRESH_MS });
  const attack = attackQuery.data;
  // When the incident's figures were last read (an event or a fetch): the stale notice's time.
  const stale = useStaleNotice(attackQuery.dataUpdatedAt || null);
  const stats = useStats(orgId).data;
  const timeline = useWarRoomTimeline(orgId);
  const lists = useListEntries(orgId, ENTRIES_IN_FORCE, { refetchInterval: attack ? LISTS_REFRESH_MS : false }).data;
  const block = useBlockFromWarRoom(orgId, attack?.id ?? null);
  const tighten = useRaiseThresholds(orgId);
  const [durationMs, setDurationMs] = useState<number>(DURATIONS[0].ms);
  const { can } = usePermissions();
  // Whether the one-click thresholds tighten what is in force (an analyst's
  // to do) or would loosen it (an admin's): the same rule as the route.
  const thresholds = useQuery({ ...thresholdsQueryOptions(orgId), enabled: Boolean(attack) }).data;
  const canBlock = can(listEntryPermission('block'));
  const canTighten = can(thresholds ? overridePermission(thresholds, TIGHTENED) : 'thresholds.tighten');
  const canExport = can('export');

  const blocked = useMemo(() => new Set((lists?.entries ?? []).filter((e) => e.action === 'block').map((e) => `${e.type}:${e.value}`)), [lists]);
  // The last 15 minutes of the stats timeline: attempts per minute, all decisions.
  const perMinute = (stats?.timeline ?? []).slice(-15).map((b) => ({ minute: b.minute, total: b.allow + b.review + b.block, block: b.block }));
  const peak = Math.max(1, ...perMinute.map((b) => b.total));

  if (!attack) return null;
  const onBlock = canBlock ? (target: TBlockTarget) => block.mutate({ ...target, durationMs }) : null;
  const exportUrl = `/api/v1/detections/export?from=${encodeURIComponent(new Date(Date.parse(attack.startedAt) - 120_000).toISOString())}`;
  // The test ids stay the English words the specs have always read.
  const counters = [
    { key: 'attempts', testId: 'war-attempts', value: attack.attempts },
    { key: 'perMinute', testId: 'war-per-minute', value: attack.attemptsPerMinute },
    { key: 'declined', testId: 'war-declined', value: attack.declined },
    { key: 'blocked', testId: 'war-blocked', value: attack.blocked },
    { key: 'distinctCards', testId: 'war-distinct-cards', value: attack.distinctCards },
  ] as const;

  return (
    <section id="war-room" className="war-room" aria-labelledby="war-room-title" data-testid="war-room">
      <header className="war-room-head">
        <div>
          <h2 id="war-room-title">{t('title')}</h2>
          <p>
            {t('since', { time: f.time(attack.startedAt) })}{' '}
            {stale ? (
              <strong className="stale-note" role="status" data-testid="war-stale">
                {stale}.
              </strong>
            ) : (
              t('refresh')
            )}
          </p>
          {canBlock ? null : <RoleNote permission="lists.block" cannot={t('cannot')} />}
        </div>
        <div className="war-actions">
          {canBlock ? (
            <label>
              {t('blockFor')}{' '}
              <select value={durationMs} onChange={(e) => setDurationMs(Number(e.target.value))} data-testid="war-duration">
                {DURATIONS.map((d) => (
                  <option key={d.ms} value={d.ms}>
                    {t(`duration.${DURATION_KEY[d.ms]}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {canTighten ? (
            <Button size="sm" onClick={() => tighten.mutate(TIGHTENED)} disabled={tighten.isPending} data-testid="war-tighten">
              {t('tighten')}
            </Button>
          ) : null}
          {canExport ? (
            <a className="btn btn-secondary btn-sm" href={exportUrl} download data-testid="war-export">
              {t('export')}
            </a>
          ) : null}
        </div>
      </header>

      <div className="war-counters" data-stale={stale ? 'true' : undefined}>
        {counters.map((c) => (
          <div key={c.key} className="war-counter">
            <div className="war-counter-label">{t(`counters.${c.key}`)}</div>
            <div className="war-counter-value" data-testid={c.testId}>
              {f.number(c.value)}
            </div>
          </div>
        ))}
      </div>

      <div className="war-grid">
        <div className="war-chart" role="img" aria-label={t('chartLabel', { peak })}>
          <h3>{t('chartTitle')}</h3>
          <div className="war-bars">
            {perMinute.map((b) => (
              <div key={b.minute} className="war-bar" title={t('bar', { time: f.time(b.minute), total: b.total, blocked: b.block })}>
                <div className="war-bar-total" style={{ height: `${(b.total / peak) * 100}%` }}>
                  <div className="war-bar-block" style={{ height: `${b.total ? (b.block / b.total) * 100 : 0}%` }} />
                </div>
              </div>
            ))}
          </div>
        </div>
        <TopTable title={t('topIps')} type="ip" entries={attack.topIps} blocked={blocked} onBlock={onBlock} pending={block.isPending} />
        <TopTable title={t('topBins')} type="card_bin" entries={attack.topBins} blocked={blocked} onBlock={onBlock} pending={block.isPending} />
        <TopTable title={t('topCards')} type="card_fingerprint" entries={attack.topCards ?? []} blocked={blocked} onBlock={onBlock} pending={block.isPending} />
        <div className="war-timeline">
          <h3>{t('timeline')}</h3>
          <ol data-testid="war-timeline">
            {timeline.map((entry) => (
              <li key={`${entry.at}-${entry.text}`} className={`war-t-${entry.tone}`}>
                <time>{f.time(entry.at)}</time> {entry.text}
              </li>
            ))}
            <li className="war-t-danger">
              <time>{f.time(attack.startedAt)}</time> {t('opened')}
            </li>
          </ol>
        </div>
      </div>
    </section>
  );
});
