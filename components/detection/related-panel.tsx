'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { useRelated } from '@/hooks/use-detection';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { useListEntries } from '@/hooks/use-lists';
import type { TRelated, TRelatedKeyCounts, TRelatedWindow } from '@/lib/detections/related';
import type { TDetection } from '@/lib/detections/schema';
import { KeyActions } from './key-actions';
import { relatedListHref } from './keys';
import styles from './detection.module.css';

// Types only from lib/detections/related: its values are server code.
const WINDOWS: TRelatedWindow[] = ['24h', '7d', '30d'];
const DECISIONS = ['ALLOW', 'REVIEW', 'BLOCK'] as const;

function KeyRow({ orgId, detection, related, row, entries }: { orgId: string; detection: TDetection; related: TRelated; row: TRelatedKeyCounts; entries: Parameters<typeof KeyActions>[0]['entries'] }) {
  const t = useTranslations('detection');
  const f = useFormats();
  return (
    <li className={styles.key} data-testid="related-key" data-key={row.key}>
      <div className={styles.keyHead}>
        <strong>{t('key', { key: row.key })}</strong>
        <span className={`mono ${styles.keyValue}`} title={row.value} translate="no">
          {row.value}
        </span>
      </div>
      {/* Columns: one per window, each counting attempts then each decision; every figure links to its rows. */}
      <div className={styles.windows}>
        <div className={styles.window} aria-hidden>
          <span className="hint">{'\u00a0'}</span>
          <span className="hint">{t('related.attempts')}</span>
          {DECISIONS.map((d) => (
            <span key={d} className="hint">
              {t('related.decision', { decision: d })}
            </span>
          ))}
        </div>
        {WINDOWS.map((w) => {
          const c = row.windows[w];
          const bounds = related.windows[w];
          const plus = c.exact ? '' : '+';
          const from = f.dateTime(bounds.from);
          return (
            <div key={w} className={styles.window} data-testid="related-window" data-window={w}>
              <span className="hint">{t('related.window', { window: w })}</span>
              <Link className={styles.attempts} href={relatedListHref(row.key, row.value, bounds)} data-testid="related-attempts" title={t('related.attemptsTitle', { key: row.key, from })}>
                {f.number(c.attempts)}
                {plus}
              </Link>
              {DECISIONS.map((d) => (
                <Link key={d} className={styles.count} href={relatedListHref(row.key, row.value, bounds, d)} data-testid={`related-${d.toLowerCase()}`} title={t('related.decisionTitle', { decision: d, key: row.key, from })}>
                  {f.number(c[d])}
                  {plus}
                </Link>
              ))}
            </div>
          );
        })}
      </div>
      <KeyActions orgId={orgId} keyName={row.key} value={row.value} entries={entries} detectionExternalId={detection.externalId} />
    </li>
  );
}

function UsualAmount({ detection, related }: { detection: TDetection; related: TRelated }) {
  const t = useTranslations('detection.related');
  const f = useFormats();
  const usual = related.usualAmount;
  if (!usual) return <p className="muted">{t('noUsualKey')}</p>;
  if (usual.median === null)
    return (
      <p className={`muted ${styles.usual}`} data-testid="usual-amount">
        {t('noUsual', { who: usual.key, currency: usual.currency })}
      </p>
    );
  return (
    <p className={styles.usual} data-testid="usual-amount">
      {t.rich('usual', {
        who: usual.key,
        median: f.money(usual.median, usual.currency),
        count: usual.count,
        amount: f.money(detection.amount, detection.currency),
        hasRatio: usual.ratio !== null ? 'yes' : 'no',
        ratio: usual.ratio !== null ? f.number(usual.ratio) : '',
        b: (chunks) => <strong>{chunks}</strong>,
      })}
    </p>
  );
}

/**
 * What else each key of the detection did in the 24 h, 7 d and 30 d before it, each count a link to
 * those very rows on the dashboard, and the actions on each key.
 */
export function RelatedPanel({ orgId, detection }: { orgId: string; detection: TDetection }) {
  const t = useTranslations('detection.related');
  const errorText = useErrorText();
  const related = useRelated(orgId, detection.id);
  const lists = useListEntries(orgId);
  const entries = lists.data?.entries ?? [];
  return (
    <section className={styles.section} data-testid="related-panel">
      <h3 className={`hint ${styles.heading}`}>{t('title')}</h3>
      {related.isPending ? (
        <div className="skeleton" aria-busy="true" />
      ) : related.isError ? (
        <Alert>{t('loadFailed', { error: errorText(related.error) })}</Alert>
      ) : related.data.keys.length === 0 ? (
        <p className="muted">{t('noKeys')}</p>
      ) : (
        <>
          <UsualAmount detection={detection} related={related.data} />
          <ul className={styles.keys}>
            {related.data.keys.map((row) => (
              <KeyRow key={row.key} orgId={orgId} detection={detection} related={related.data} row={row} entries={entries} />
            ))}
          </ul>
          {related.data.keys.some((k) => WINDOWS.some((w) => !k.windows[w].exact)) ? (
            <p className="hint">{t('lowerBound')}</p>
          ) : null}
        </>
      )}
    </section>
  );
}
