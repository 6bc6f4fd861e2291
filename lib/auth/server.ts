import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { admin, organization } from 'better-auth/plugins';
import { appDb, withOrgTransaction } from '@/lib/db';
import * as schema from '@/db/schema/auth';
import { sendEmail } from '@/lib/email';
import { localeOfRequest } from '@/lib/format';
import { passwordResetEmail, verificationEmail } from './account-emails';
import { appOrigins, env, requireAuthSecret } from '@/lib/env';
import { logger } from '@/lib/logger';
import { CLIENT_IP_HEADER } from '@/lib/net/client-ip';
import { processState } from '@/lib/process-state';
import { findLatestOrgId } from '@/lib/orgs/membership';
import { throwIfBadName } from './names';
import { grantAdminIfVerified } from './platform-admin';
import { orgAccessControl, orgRoles, platformAccessControl, platformRoles } from './roles';
import { seedOrgDefaults } from '@/lib/rules/seed';
import { buildInvitationEmail } from '@/lib/team';
import { teamAfterHook, teamBeforeHook } from './team-hooks';

/** How long an invitation link works: a week, as GitHub's. Resending starts a new week. */
const INVITATION_EXPIRES_IN_S = 7 * 24 * 60 * 60;

function createAuth() {
  const e = env();
  const baseURL = e.BETTER_AUTH_URL ?? `http://localhost:${e.PORT}`;
  return betterAuth({
    appName: 'Orylo',
    secret: requireAuthSecret(),
    baseURL,
    trustedOrigins: appOrigins(),
    // The auth tables are not tenant tables: Better Auth must see a user's
    // memberships across organizations. They are granted to the app role
    // without RLS (see db/migrations/0001_roles_and_rls.sql).
    database: drizzleAdapter(appDb().db, { provider: 'pg', schema }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      autoSignIn: true,
      requireEmailVerification: e.REQUIRE_EMAIL_VERIFICATION === '1',
      // "Forgot your password?": a one-hour link by e-mail (lib/email), then every session of the account ends.
      sendResetPassword: async ({ user, url }, request) => {
        await sendEmail(passwordResetEmail(user.email, url, request)).catch((err) => logger().warn({ err, userId: user.id }, 'password reset e-mail not sent'));
      },
      revokeSessionsOnPasswordReset: true,
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      // Not awaited: a slow or failing mail server must not fail the sign-up; the link can be sent again.
      sendVerificationEmail: async ({ user, url }, request) => {
        void sendEmail(verificationEmail(user.email, url, request)).catch((err) =>
          logger().warn({ err, userId: user.id }, 'verification e-mail not sent'),
        );
      },
    },
    session: { cookieCache: { enabled: false } },
    // SECURITY: rate limits key on the address lib/net/client-ip.ts derived
    // (set by lib/api/auth-handler.ts on every request), never on a client's X-Forwarded-For.
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
    // Brute-force protection on sign-in/sign-up, on by default in production.
    // The test server turns it off (AUTH_RATE_LIMIT=0): every test user signs up from 127.0.0.1.
    rateLimit: { enabled: e.AUTH_RATE_LIMIT ? e.AUTH_RATE_LIMIT === '1' : e.NODE_ENV === 'production' },
    // Orylo's team rules before Better Auth's organization endpoints, and their audit entries after (lib/auth/team-hooks.ts).
    hooks: { before: teamBeforeHook, after: teamAfterHook },
    databaseHooks: {
      session: {
        create: {
          // A new session (sign-in) starts in the user's most recently joined
          // organization, so members land on their dashboard, not a picker.
          before: async (session) => ({
            data: { ...session, activeOrganizationId: await findLatestOrgId(session.userId) },
          }),
        },
      },
      user: {
        // Nobody signs up as a platform admin: the role comes with a verified ADMIN_EMAILS address.
        create: {
          before: async (user) => {
            throwIfBadName('name', user.name);
            return { data: { ...user, role: 'user' } };
          },
        },
        update: {
          before: async (user) => {
            throwIfBadName('name', user.name);
          },
          after: async (user) => grantAdminIfVerified(user),
        },
      },
    },
    plugins: [
      organization({
        allowUserToCreateOrganization: true,
        creatorRole: 'owner',
        ac: orgAccessControl,
        roles: orgRoles,
        invitationExpiresIn: INVITATION_EXPIRES_IN_S,
        // A fraud team is a handful of people; Better Auth's default cap (100) would only surprise a large merchant.
        membershipLimit: 1000,
        // Accepting does not ask for a verified address beyond what sign-in asks
        // (REQUIRE_EMAIL_VERIFICATION): the invitation's id is an unguessable
        // link sent to that address, and only a session with that address may
        // use it. README, "Team", says why holding the link does not verify it.
        requireEmailVerificationOnInvitation: false,
        // Awaited so the e-mail leaves before the answer, but a failing mail
        // server does not undo the invitation: its link can be copied from
        // /settings/team, and Resend tries again.
        sendInvitationEmail: async ({ id, email, role, organization: org, inviter, invitation }, request?: Request) => {
          const message = buildInvitationEmail({
            baseUrl: baseURL,
            invitationId: id,
            to: email,
            role,
            organizationName: org.name,
            inviter: { name: inviter.user.name, email: inviter.user.email },
            expiresAt: new Date(invitation.expiresAt),
            // The inviter's language (the inviting request's cookie, then Accept-Language): they know the person they invite.
            locale: localeOfRequest(request?.headers),
          });
          await sendEmail(message).catch((err) => logger().warn({ err, invitationId: id }, 'invitation e-mail not sent'));
        },
        organizationHooks: {
          beforeCreateOrganization: async ({ organization: org }) => {
            throwIfBadName('name', org.name);
            throwIfBadName('slug', org.slug);
          },
          beforeUpdateOrganization: async ({ organization: org }) => {
            throwIfBadName('name', org.name);
            throwIfBadName('slug', org.slug);
          },
          // Default rules and thresholds exist before the first ingest: seeding
          // lazily made an attack's first concurrent requests queue on each
          // other's seed (first-second p95 up to 450 ms). Lazy seeding stays as
          // the fallback for orgs created before this hook.
          afterCreateOrganization: async ({ organization: org }) => {
            await withOrgTransaction(org.id, (db) => seedOrgDefaults({ db, orgId: org.id }));
          },
        },
      }),
      admin({ defaultRole: 'user', adminRoles: ['admin'], ac: platformAccessControl, roles: platformRoles }),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Created on first use so that `next build` needs no secret or database. */
export function auth(): Auth {
  return processState('auth', createAuth);
}
