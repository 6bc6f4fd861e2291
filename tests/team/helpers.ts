import { readBodyTolerantly, type OryloSession } from '@/scripts/lib/http-client';
import { uniq, type Merchant } from '../helpers/env';
import { addMember } from '../reviews/helpers';

// The team suites call Better Auth's own organization endpoints over HTTP,
// with real sessions (OryloSession sends the Origin Better Auth asks for).

export type TTeamMate = { session: OryloSession; email: string; memberId: string };

/** POST to a Better Auth organization endpoint; status and body, never throws. */
export async function org(session: OryloSession, endpoint: string, body: unknown) {
  const res = await session.fetch(`/api/auth/organization/${endpoint}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: await readBodyTolerantly(res) };
}

/** GET /api/v1/team as `session`. */
export async function team(session: OryloSession) {
  const res = await session.fetch('/api/v1/team');
  return { status: res.status, body: await readBodyTolerantly(res) };
}

/** A new member of the merchant's org with `role`, joined through an invitation, with their member id. */
export async function join(m: Merchant, role: string, name = role): Promise<TTeamMate> {
  const { session, email } = await addMember(m, role, name);
  const { body } = await team(m.session);
  const memberId = body.members.find((x: { email: string }) => x.email === email)?.id;
  if (!memberId) throw new Error(`${email} did not join: ${JSON.stringify(body)}`);
  return { session, email, memberId };
}

export const newEmail = (label = 'invitee') => `${uniq(label)}@example.com`;
