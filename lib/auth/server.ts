import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { admin, organization } from 'better-auth/plugins';
import { appDb, withOrgTransaction } from '@/lib/db';
import * as schema from '@/db/schema/auth';
import { sendEmail } from '@/lib/email';
import { appOrigins, env, requireAuthSecret } from '@/lib/env';
import { logger } from '@/lib/logger';
import { CLIENT_IP_HEADER } from '@/lib/net/client-ip';
import { processState } from '@/lib/process-state';
import { findLatestOrgId } from '@/lib/orgs/membership';
import { throwIfBadName } from './names';
import { grantAdminIfVerified } from './platform-admin';
import { orgAccessControl, orgRoles, platformAccessControl, platformRoles } from './roles';
import { seedOrgDefaults } from '@/lib/rules/seed';

function createAuth() {
  const e = env();
  return betterAuth({
    appName: 'Orylo',
    secret: requireAuthSecret(),
    baseURL: e.BETTER_AUTH_URL ?? `http://localhost:${e.PORT}`,
    trustedOrigins: appOrigins(),
    // The auth tables are not tenant tables: Better Auth must see a user's
    // memberships across organizations. They are granted to the app role
    // without RLS (see db/migrations/0001_roles_and_rls.sql).
    database: drizzleAdapter(appDb().db, { provider: 'pg', schema }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true, requireEmailVerification: e.REQUIRE_EMAIL_VERIFICATION === '1' },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      // Not awaited: a slow or failing mail server must not fail the sign-up; the link can be sent again.
      sendVerificationEmail: async ({ user, url }) => {
        void sendEmail({ to: user.email, subject: 'Confirm your e-mail address for Orylo', text: `Confirm your e-mail address for Orylo by opening this link:\n\n${url}\n`, link: url }).catch((err) =>
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
