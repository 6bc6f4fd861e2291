import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TAuditEntryView } from '@/lib/audit/find';
import { AuditDiff } from './audit-diff';

const shortId = (id: string | null) => (id && id.length > 12 ? `${id.slice(0, 8)}…` : (id ?? ''));

export function AuditTable({ entries }: { entries: TAuditEntryView[] }) {
  return (
    <Table data-testid="audit-table" aria-label="Audit log, newest first">
      <THead>
        <Tr>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>IP</Th>
          <Th>Change</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <Tr key={e.id} data-testid="audit-row" data-action={e.action} data-target-id={e.targetId ?? ''}>
            <Td className="mono" title={e.createdAt}>
              {new Date(e.createdAt).toLocaleString()}
            </Td>
            <Td>{e.actorEmail ?? <span className="muted">system</span>}</Td>
            <Td>
              <Badge className="mono">{e.action}</Badge>
            </Td>
            <Td className="mono" title={e.targetId ?? undefined}>
              {e.targetType} {shortId(e.targetId)}
            </Td>
            <Td className="mono">{e.ip ?? '—'}</Td>
            <Td>
              <AuditDiff before={e.before} after={e.after} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
