// Used only by the Better Auth CLI to generate db/schema/auth.ts.
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin, organization } from 'better-auth/plugins';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

export const auth = betterAuth({
  database: drizzleAdapter(drizzle(postgres('postgres://localhost/none')), { provider: 'pg' }),
  emailAndPassword: { enabled: true },
  plugins: [organization(), admin()],
});
