'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import type { TDetection } from '@/lib/detections/schema';
import { DecisionBadge } from './decision-badge';
import { RISK_COLOR, formatAmount, formatCard } from './format';

/** Details and reasons of one detection. Reads the live row, so updates show at once. */
export function DetectionDrawer({ detection, onClose }: { detection: TDetection; onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (event: globalThis.KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const d = detection;
  const fields: [string, string | null][] = [
    ['Amount', formatAmount(d.amount, d.currency)],
    ['Received', new Date(d.createdAt).toLocaleString()],
    ['Card', formatCard(d.card)],
    ['Card country', d.card?.country ?? null],
    ['Fingerprint', d.card?.fingerprint ?? null],
    ['Email', d.email],
    ['IP', d.ip],
    ['Customer', d.customerId],
    ['Device', d.deviceId],
    ['Authorization', d.authStatus ? d.authStatus + (d.declineCode ? ` (${d.declineCode})` : '') : null],
    ['Detection id', d.id],
  ];

  return (
    <>
      <div className="drawer-backdrop" onClick={onClose} aria-hidden />
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby="drawer-title" data-testid="detection-drawer">
        <div className="drawer-head">
          <div>
            <p className="hint">Order</p>
            <h2 id="drawer-title" className="mono">
              {d.externalId}
            </h2>
          </div>
          <Button ref={closeRef} variant="ghost" size="sm" onClick={onClose} aria-label="Close details">
            ✕
          </Button>
        </div>

        <div>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
            <DecisionBadge decision={d.decision} />
            <span>
              Score <strong style={{ color: RISK_COLOR[d.riskLevel] }}>{d.score}</strong>/100 · {d.riskLevel} risk
            </span>
          </div>
          <div className="score-bar" aria-hidden>
            <span style={{ width: `${Math.min(100, Math.max(0, d.score))}%`, background: RISK_COLOR[d.riskLevel] }} />
          </div>
        </div>

        <section>
          <h3 className="hint" style={{ marginBottom: 8 }}>
            Why
          </h3>
          {d.reasons.length === 0 ? (
            <p className="muted">No risk signals fired for this transaction.</p>
          ) : (
            <ul className="reasons" data-testid="detection-reasons">
              {d.reasons.map((r, i) => (
                <li key={`${r.code}-${i}`} className={r.decisive ? 'decisive' : undefined} data-decisive={r.decisive ? 'true' : undefined}>
                  {r.decisive ? <div className="decided-by">Decided {d.decision}</div> : null}
                  <div>{r.message}</div>
                  <code>{r.code}</code>
                </li>
              ))}
            </ul>
          )}
        </section>

        <dl className="dl">
          {fields.map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd className={label === 'Amount' || label === 'Received' ? undefined : 'mono'}>{value ?? '—'}</dd>
            </div>
          ))}
        </dl>
      </aside>
    </>
  );
}
