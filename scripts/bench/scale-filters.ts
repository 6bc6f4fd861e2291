import type { OryloSession } from '@/scripts/lib/http-client';
import { midnightUtc, SEED_VALUES as V } from './scale-seed';
import { round1 } from './stats';
import { SAMPLES, timeAlternately, type TTiming } from './scale-timing';

// The list's half of `npm run bench -- --scale`: GET /api/v1/detections with
// no filter (first page and page 5), each filter of DESIGN.md alone with a
// common, a rare and an absent value, and a few combinations, timed over HTTP
// one request after another, on the big organization and the small one.

export const FILTER_P50_TARGET_MS = 100;

export type TFilterCase = { name: string; params: Record<string, string> };
export type TFilterTiming = TTiming & { rows: number };
export type TFilterRow = { name: string; params: Record<string, string>; big: TFilterTiming; small: TFilterTiming };

const DAY_MS = 86_400_000;

/** Every case, with values the seed is known to hold (hot, rare) or not (absent). */
export function filterCases(nowMs = Date.now()): TFilterCase[] {
  // A one-hour window a week ago (10:00–11:00 UTC, within the seeded 30 days).
  const from = new Date(midnightUtc(nowMs) - 7 * DAY_MS + 10 * 3_600_000).toISOString();
  const to = new Date(Date.parse(from) + 3_600_000).toISOString();
  const keyed = (key: 'ip' | 'email' | 'cardFingerprint' | 'bin' | 'customerId' | 'deviceId') =>
    (['hot', 'rare', 'absent'] as const).map((kind) => ({ name: `${key} ${kind}`, params: { [key]: V[key][kind] } }));
  return [
    { name: 'no filter, page 1', params: {} },
    ...(['common', 'medium', 'rare', 'absent'] as const).map((kind) => ({ name: `rule ${kind} (${V.rule[kind]})`, params: { rule: V.rule[kind] } })),
    ...keyed('ip'),
    ...keyed('email'),
    ...keyed('cardFingerprint'),
    ...keyed('bin'),
    ...keyed('customerId'),
    ...keyed('deviceId'),
    { name: 'externalId present', params: { externalId: V.externalId.present } },
    { name: 'externalId absent', params: { externalId: V.externalId.absent } },
    { name: 'decision REVIEW', params: { decision: 'REVIEW' } },
    { name: 'decision BLOCK', params: { decision: 'BLOCK' } },
    { name: 'reviewStatus pending', params: { reviewStatus: 'pending' } },
    { name: 'reviewStatus approved', params: { reviewStatus: 'approved' } },
    { name: 'reviewStatus blocked', params: { reviewStatus: 'blocked' } },
    { name: 'minScore 90', params: { minScore: '90' } },
    { name: 'maxScore 5', params: { maxScore: '5' } },
    { name: `minAmount ${V.amount.high} (high, few rows)`, params: { minAmount: String(V.amount.high) } },
    { name: `maxAmount ${V.amount.low} (low)`, params: { maxAmount: String(V.amount.low) } },
    { name: 'from/to one hour a week ago', params: { from, to } },
    { name: 'ip hot + decision BLOCK', params: { ip: V.ip.hot, decision: 'BLOCK' } },
    { name: 'bin hot + from/to', params: { bin: V.bin.hot, from, to } },
    { name: 'rule common + minAmount high', params: { rule: V.rule.common, minAmount: String(V.amount.high) } },
  ];
}

export const listPath = (params: Record<string, string>) => `/api/v1/detections?${new URLSearchParams({ limit: '50', ...params })}`;

type TPage = { detections: unknown[]; nextCursor: string | null };

/** The cursor of page `page` (1-based) of the unfiltered list, walking from the first. */
export async function cursorOfPage(session: OryloSession, page: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let p = 1; p < page; p++) {
    const body: TPage = await session.json(listPath(cursor ? { cursor } : {}));
    cursor = body.nextCursor;
    if (!cursor) return null;
  }
  return cursor;
}

/** One case on both organizations, their requests alternating; the rows of each page. */
async function timeCase(big: OryloSession, small: OryloSession, bigParams: Record<string, string>, smallParams: Record<string, string>): Promise<[TFilterTiming, TFilterTiming]> {
  const rows = [0, 0];
  const call = (session: OryloSession, params: Record<string, string>, k: number) => async () => {
    const body: TPage = await session.json(listPath(params));
    rows[k] = body.detections.length;
  };
  const [b, s] = await timeAlternately([call(big, bigParams, 0), call(small, smallParams, 1)]);
  return [{ ...b, rows: rows[0] }, { ...s, rows: rows[1] }];
}

/** Each case on both organizations, one request at a time. */
export async function measureFilters(input: { big: OryloSession; small: OryloSession; progress: (m: string) => void }): Promise<TFilterRow[]> {
  const cases = filterCases();
  // Page 5 of the unfiltered list, through the cursors of pages 1–4.
  const page5 = async (session: OryloSession) => {
    const cursor = await cursorOfPage(session, 5);
    return cursor ? { cursor } : null;
  };
  const out: TFilterRow[] = [];
  const [bigPage5, smallPage5] = [await page5(input.big), await page5(input.small)];
  const all: (TFilterCase & { small?: Record<string, string> })[] = [...cases];
  if (bigPage5) all.splice(1, 0, { name: 'no filter, page 5 (nextCursor)', params: bigPage5, small: smallPage5 ?? {} });
  for (const c of all) {
    input.progress(`list: ${c.name}`);
    const [big, small] = await timeCase(input.big, input.small, c.params, c.small ?? c.params);
    out.push({ name: c.name, params: c.params, big, small });
  }
  return out;
}

export function renderFilterTable(rows: TFilterRow[]): string {
  const lines = [
    `| GET /api/v1/detections?limit=50& | big p50 ms | big p95 ms | rows | small p50 ms | small p95 ms | big p50 < ${FILTER_P50_TARGET_MS} ms |`,
    '|---|---:|---:|---:|---:|---:|:---:|',
  ];
  for (const r of rows) {
    const n = r.big.samples < SAMPLES ? ` (${r.big.samples} samples)` : '';
    lines.push(`| ${r.name} | ${round1(r.big.p50)}${n} | ${round1(r.big.p95)} | ${r.big.rows} | ${round1(r.small.p50)} | ${round1(r.small.p95)} | ${r.big.p50 < FILTER_P50_TARGET_MS ? '✓' : '✗'} |`);
  }
  return lines.join('\n');
}
