import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { detections } from '@/db/schema';
import { withOrgTransaction } from '@/lib/db';
import type { Logger } from '@/lib/logger';
import { EXPORT_MAX_ROWS, type TCsvFile } from './export-csv';
import { toDetection } from './schema';

// The CSV export is streamed: a page of rows at a time, each read in its own
// short RLS transaction when the client wants more, so a 50,000-row export
// holds neither a database connection for the whole download nor the whole
// file in memory, and a client that goes away stops the reads.

/** Rows per read, and so per chunk of the body. */
export const EXPORT_PAGE_ROWS = 1_000;

/**
 * An export's rows: one org, created_at from `from` to `to` inclusive; `to` is
 * fixed when the export starts. `only`: a further condition on the row (an
 * incident's attributed attempts, lib/attacks attributedSql).
 */
export type TExportRange = { orgId: string; from: Date; to: Date; only?: SQL };

/** Where a page ended: created_at to the microsecond (a JS Date keeps milliseconds), then seq. */
type TKey = { at: string; seq: number };

const inRange = (r: TExportRange) => and(eq(detections.organizationId, r.orgId), gte(detections.createdAt, r.from), lte(detections.createdAt, r.to), r.only);

/** How many rows the export sends (at most EXPORT_MAX_ROWS) and whether more matched: a count that stops at the cap. */
export async function countExportRows(options: TExportRange & { db: Executor }): Promise<{ rows: number; truncated: boolean }> {
  const capped = options.db.select({ one: sql`1`.as('one') }).from(detections).where(inRange(options)).limit(EXPORT_MAX_ROWS + 1).as('capped');
  const [{ n }] = await options.db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return { rows: Math.min(n, EXPORT_MAX_ROWS), truncated: n > EXPORT_MAX_ROWS };
}

/**
 * The next page after `after`, ordered by (created_at, seq). PostgreSQL derives
 * `created_at >= key` from the row comparison, so the (organization_id,
 * created_at) index starts each page at its key.
 */
function readPage(options: TExportRange & { db: Executor; after?: TKey; limit: number }) {
  const { after } = options;
  return options.db
    .select({ detection: detections, at: sql<string>`to_char(${detections.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(detections)
    .where(and(inRange(options), after ? sql`(${detections.createdAt}, ${detections.seq}) > (${after.at}::timestamptz, ${after.seq}::bigint)` : undefined))
    .orderBy(asc(detections.createdAt), asc(detections.seq))
    .limit(options.limit);
}

/**
 * The CSV body: the header at once, then one page per pull until `rows` are
 * sent. Cancelled, or `signal` aborted (the client went away), it reads
 * nothing more. A failed
 * read errors the body, so the client sees a failed download, never a short
 * file that looks whole.
 * SECURITY: every page is read under RLS for the org the route's wrapper
 * authorized (withOrg checked the export permission when the request came in).
 */
export function streamDetectionsCsv(options: TExportRange & { file: TCsvFile; rows: number; log: Logger; signal?: AbortSignal }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const started = performance.now();
  let after: TKey | undefined;
  let sent = 0;
  let pages = 0;
  let cancelled = false;
  const done = (what: string) => options.log.info({ rows: sent, pages, ms: Math.round(performance.now() - started) }, what);
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(options.file.head));
        if (options.rows === 0) {
          controller.close();
          done('detections exported');
        }
      },
      async pull(controller) {
        // The client left while its last chunk was being written: Next asks for one more, read nothing.
        if (options.signal?.aborted) return;
        const limit = Math.min(EXPORT_PAGE_ROWS, options.rows - sent);
        try {
          const page = await withOrgTransaction(options.orgId, (db) => readPage({ ...options, db, after, limit }));
          if (cancelled) return;
          pages++;
          const last = page.at(-1);
          if (last) {
            sent += page.length;
            after = { at: last.at, seq: last.detection.seq };
            controller.enqueue(encoder.encode(page.map((r) => `${options.file.row(toDetection(r.detection))}\r\n`).join('')));
          }
          // A short page: rows counted at the start were deleted since (retention); the file ends there.
          if (page.length < limit || sent >= options.rows) {
            controller.close();
            done('detections exported');
          }
        } catch (error) {
          if (cancelled) return;
          options.log.error({ err: error, rows: sent, pages }, 'detections export failed mid-stream');
          controller.error(new Error('The export failed before its end.'));
        }
      },
      cancel() {
        cancelled = true;
        done('detections export cancelled by the client');
      },
    },
    // No read-ahead: a page is read when the client has taken the last one.
    { highWaterMark: 0 },
  );
}

/**
 * The export's response, for both export routes: the capped count first (its
 * figures go in X-Orylo-Rows and X-Orylo-Truncated), then the streamed body in
 * the file's language. `name`: the file name without ".csv".
 */
export async function csvExportResponse(options: TExportRange & { db: Executor; file: TCsvFile; name: string; log: Logger; signal?: AbortSignal }): Promise<Response> {
  const { rows, truncated } = await countExportRows(options);
  options.log.info({ rows, truncated, locale: options.file.locale }, 'export started');
  return new Response(streamDetectionsCsv({ ...options, rows }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${options.name}.csv"`,
      'Content-Language': options.file.locale,
      'Cache-Control': 'no-store',
      'X-Orylo-Rows': String(rows),
      'X-Orylo-Truncated': String(truncated),
    },
  });
}
