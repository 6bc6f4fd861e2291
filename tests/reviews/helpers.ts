import type postgres from 'postgres';
import { OryloSession, readBodyTolerantly } from '@/scripts/lib/http-client';
import { BASE_URL, uniq, type Merchant } from '../helpers/env';

// Shared by the review and audit suites: detections made straight in the
// database (so the tests do not hang on the scoring rules), a second member,
// and a review call that returns status and body without throwing.

type TRowOverrides = {
  decision?: 'ALLOW' | 'REVIEW' | 'BLOCK';
  reviewStatus?: string;
  reviewedBy?: string;
  externalId?: string;
  ip?: string;
  /** Seconds before now (the queue's oldest-first order, an incident's span). */
  ageSeconds?: number;
};

/** Inserts a detection for the merchant's org as the owner role and returns its id and externalId. */
export async function insertDetection(owner: postgres.Sql, m: Merchant, overrides: TRowOverrides = {}) {
  const externalId = overrides.externalId ?? uniq('pi');
  const reasons = [{ code: 'high_amount', message: 'High amount €6,000.00 (threshold €5,000.00)' }];
  const [row] = await owner`
    insert into detections (organization_id, external_id, amount, currency, email, ip, card_fingerprint, card_bin, card_last4,
                            score, risk_level, decision, reasons, review_status, reviewed_by, reviewed_at, created_at)
    values (${m.orgId}, ${externalId}, 600000, 'EUR', 'buyer@example.com', ${overrides.ip ?? '198.51.100.23'}, ${uniq('fp')}, '424242', '4242',
            ${overrides.decision === 'BLOCK' ? 90 : overrides.decision === 'ALLOW' ? 10 : 60},
            ${overrides.decision === 'BLOCK' ? 'critical' : overrides.decision === 'ALLOW' ? 'low' : 'high'},
            ${overrides.decision ?? 'REVIEW'}, ${owner.json(reasons)},
            ${overrides.reviewStatus ?? null}, ${overrides.reviewedBy ?? null}, ${overrides.reviewStatus ? new Date() : null},
            now() - make_interval(secs => ${overrides.ageSeconds ?? 0}))
    returning id, external_id`;
  return { id: row.id as string, externalId: row.external_id as string };
}

/** Another member of the merchant's org (Better Auth's "member" role unless said), through Better Auth's invitation flow. */
export async function addMember(m: Merchant, role = 'member', name = 'Analyst') {
  const email = `${uniq(role)}@example.com`;
  const session = new OryloSession(BASE_URL);
  await session.signUp({ email, password: 'correct-horse-battery', name });
  const invitation = await m.session.post('/api/auth/organization/invite-member', { email, role, organizationId: m.orgId });
  await session.post('/api/auth/organization/accept-invitation', { invitationId: invitation.id });
  await session.post('/api/auth/organization/set-active', { organizationId: m.orgId });
  return { session, email };
}

/** POST /api/v1/detections/:id/review; `raw` sends the body as is. */
export async function postReview(session: OryloSession, id: string, body: unknown, init: { raw?: string; headers?: Record<string, string> } = {}) {
  const res = await session.fetch(`/api/v1/detections/${encodeURIComponent(id)}/review`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: await readBodyTolerantly(res) };
}

/** POST or DELETE on a path with a JSON body, returning status and body without throwing. */
export async function call(session: OryloSession, method: 'POST' | 'DELETE', path: string, body?: unknown) {
  const res = await session.fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await readBodyTolerantly(res) };
}
