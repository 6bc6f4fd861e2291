import { auditDiff } from './diff';
import styles from './audit.module.css';

const SHOWN = 4;

/** The fields an action changed, as `path: before → after`; the full JSON on hover. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const lines = auditDiff(before, after);
  if (lines.length === 0) return <span className="muted">—</span>;
  const full = `before: ${JSON.stringify(before, null, 2)}\nafter: ${JSON.stringify(after, null, 2)}`;
  return (
    <ul className={styles.diff} title={full} data-testid="audit-diff">
      {lines.slice(0, SHOWN).map((line) => (
        <li key={line.path} className="mono">
          <span className={styles.path}>{line.path}:</span>{' '}
          {line.before !== null ? <span className={styles.before}>{line.before}</span> : null}
          {line.before !== null && line.after !== null ? <span className={styles.arrow}>→</span> : null}
          {line.after !== null ? <span className={styles.after}>{line.after}</span> : null}
        </li>
      ))}
      {lines.length > SHOWN ? <li className={styles.more}>+{lines.length - SHOWN} more (hover for all)</li> : null}
    </ul>
  );
}
