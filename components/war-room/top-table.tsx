'use client';

import { formatCount } from '@/components/dashboard/format';
import { Button } from '@/components/ui/button';
import type { TBlockTarget, TTopEntry } from '@/hooks/war-room';

type TProps = {
  title: string;
  type: TBlockTarget['type'];
  entries: TTopEntry[];
  blocked: Set<string>;
  /** Null when the user's role may not add block-list entries: the Block buttons are left out. */
  onBlock: ((target: TBlockTarget) => void) | null;
  pending: boolean;
};

/** The attack's top IPs, BINs or cards with their decision split, each one block away (for analysts and up). */
export function TopTable({ title, type, entries, blocked, onBlock, pending }: TProps) {
  return (
    <div className="war-top" data-testid={`war-top-${type}`}>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Value</th>
              <th className="num">Attempts</th>
              <th className="num" title="Blocked / review / allowed">B / R / A</th>
              <th aria-label="Action" />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const isBlocked = blocked.has(`${type}:${e.value}`);
              return (
                <tr key={e.value} data-testid="war-top-row" data-value={e.value}>
                  <td className="mono">{e.value}</td>
                  <td className="num">{formatCount(e.attempts)}</td>
                  <td className="num">
                    <span className="war-b">{e.blocked ?? 0}</span> / <span className="war-r">{e.review ?? 0}</span> / <span className="war-a">{e.allowed ?? 0}</span>
                  </td>
                  <td className="num">
                    {isBlocked ? (
                      <span className="badge badge-block" data-testid="war-blocked">Blocked</span>
                    ) : onBlock ? (
                      <Button size="sm" variant="danger" disabled={pending} onClick={() => onBlock({ type, value: e.value })} data-testid="war-block">
                        Block
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
