import type { Sql } from './db';

// What the volume costs on disk: detections and detection_reason_codes (heap,
// TOAST and indexes), per 1,000,000 detections, and each index on its own.

export type TDisk = {
  detections: number;
  tables: { name: string; rows: number; heapMb: number; indexesMb: number; totalMb: number; totalMbPerMillion: number }[];
  indexes: { table: string; name: string; mb: number; mbPerMillion: number }[];
};

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function measureDisk(sql: Sql): Promise<TDisk> {
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from detections`;
  const perMillion = (bytes: number) => (n ? mb((bytes * 1_000_000) / n) : 0);
  const tables = await sql<{ name: string; rows: number; heap: string; indexes: string; total: string }[]>`
    select c.relname as name, c.reltuples::bigint::int as rows,
      pg_table_size(c.oid)::text as heap, pg_indexes_size(c.oid)::text as indexes, pg_total_relation_size(c.oid)::text as total
    from pg_class c where c.oid in ('detections'::regclass, 'detection_reason_codes'::regclass) order by c.relname`;
  const indexes = await sql<{ table: string; name: string; bytes: string }[]>`
    select t.relname as table, c.relname as name, pg_relation_size(c.oid)::text as bytes
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
    where i.indrelid in ('detections'::regclass, 'detection_reason_codes'::regclass)
    order by t.relname, pg_relation_size(c.oid) desc`;
  return {
    detections: n,
    tables: tables.map((t) => ({ name: t.name, rows: t.rows, heapMb: mb(Number(t.heap)), indexesMb: mb(Number(t.indexes)), totalMb: mb(Number(t.total)), totalMbPerMillion: perMillion(Number(t.total)) })),
    indexes: indexes.map((i) => ({ table: i.table, name: i.name, mb: mb(Number(i.bytes)), mbPerMillion: perMillion(Number(i.bytes)) })),
  };
}

export function renderDiskTables(d: TDisk): string {
  const lines = [
    `${d.detections.toLocaleString('en-US')} detections in all organizations.`,
    '',
    '| table | rows (estimate) | heap + TOAST MB | indexes MB | total MB | total MB per 1,000,000 detections |',
    '|---|---:|---:|---:|---:|---:|',
    ...d.tables.map((t) => `| ${t.name} | ${t.rows.toLocaleString('en-US')} | ${t.heapMb} | ${t.indexesMb} | ${t.totalMb} | ${t.totalMbPerMillion} |`),
    '',
    '| index | table | MB | MB per 1,000,000 detections |',
    '|---|---|---:|---:|',
    ...d.indexes.map((i) => `| ${i.name} | ${i.table} | ${i.mb} | ${i.mbPerMillion} |`),
  ];
  return lines.join('\n');
}
