import type { OryloSession } from '@/scripts/lib/http-client';
import { readBodyTolerantly } from '@/scripts/lib/http-client';
import { BASE_URL, type Merchant } from '../helpers/env';

// The two ways an outcome arrives (README, "Outcomes and labels"), returning
// status and body without throwing.

/** POST /api/v1/transactions/:externalId/events with the merchant's API key; `raw` sends the body as is. */
export async function postOutcome(m: Pick<Merchant, 'apiKey'>, externalId: string, body: unknown, raw?: string) {
  const res = await fetch(`${BASE_URL}/api/v1/transactions/${encodeURIComponent(externalId)}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: await readBodyTolerantly(res) };
}

/** POST /api/v1/detections/:id/events as a member. */
export async function labelDetection(session: OryloSession, id: string, body: unknown) {
  const res = await session.fetch(`/api/v1/detections/${encodeURIComponent(id)}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await readBodyTolerantly(res) };
}

/** GET /api/v1/detections/:id as a member: the detection as every view shows it. */
export async function detectionOf(session: OryloSession, id: string) {
  return (await session.json(`/api/v1/detections/${id}`)).detection;
}

/** An ISO time `minutes` from now (negative: in the past). */
export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
