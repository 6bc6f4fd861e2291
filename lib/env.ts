import { isIP } from 'node:net';
import { z } from 'zod';
import { processState, resetProcessState } from './process-state';

// The one reader of process.env (docs/architecture.md, "Configuration").
// Parsed lazily so that `next build` can import route modules without a
// runtime configuration.

const intFromString = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

export type TTrustedProxy = { address: string; prefix: number; family: 'ipv4' | 'ipv6' };

/**
 * TRUSTED_PROXIES: comma-separated IPs or CIDRs (IPv4 or IPv6). A bad entry
 * fails the start: a typo must not silently trust nobody (or everybody).
 */
function parseTrustedProxies(value: string, ctx: z.RefinementCtx): TTrustedProxy[] {
  const proxies: TTrustedProxy[] = [];
  for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [raw, bits, extra] = entry.split('/');
    // ::ffff:10.0.0.1 is 10.0.0.1 (lib/net/client-ip.ts compares canonical forms).
    const mapped = raw.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
    const address = mapped ?? raw.toLowerCase();
    const family = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : undefined;
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) - (mapped ? 96 : 0) : NaN;
    if (!family || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP or a CIDR (e.g. 127.0.0.1,10.0.0.0/8,fd00::/8)` });
      continue;
    }
    proxies.push({ address, prefix, family });
  }
  return proxies;
}

const ZEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: intFromString(3000),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_APP_URL: z.string().url().optional(),
    BETTER_AUTH_SECRET: z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional(),
    BETTER_AUTH_URL: z.string().url().optional(),
    ADMIN_EMAILS: z.string().default(''),
    AUTH_RATE_LIMIT: z.enum(['0', '1']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: z.enum(['0', '1']).optional(),
    REALTIME_POLL_INTERVAL_MS: intFromString(5_000),
    REALTIME_HEARTBEAT_MS: intFromString(30_000),
    REALTIME_MAX_STREAM_MS: z.coerce.number().int().nonnegative().default(0),
    REALTIME_STRATEGY: z.enum(['hub', 'per-connection']).default('hub'),
    REALTIME_MAX_STREAMS_PER_USER: intFromString(20),
    REALTIME_MAX_STREAMS_PER_IP: intFromString(100),
    REALTIME_MAX_STREAMS_PER_ORG: intFromString(2_000),
    REALTIME_MAX_CONNECTIONS: intFromString(20_000),
    REALTIME_CONNECTS_PER_MINUTE: intFromString(120),
    REALTIME_MAX_QUEUE_BYTES: intFromString(1024 * 1024),
    REDIS_URL: z.string().url().optional(),
    TRUSTED_PROXIES: z.string().optional().transform((value, ctx) => parseTrustedProxies(value ?? '', ctx)),
    METRICS_TOKEN: z.string().min(16).optional(),
    ORYLO_DATA_DIR: z.string().default('.data'),
    EMBEDDED_PG_PORT: intFromString(54321),
    ORYLO_DEMO: z.enum(['0', '1']).optional(),
    /** "<email> <password>" of the demo account, set by the launcher when it makes demo data: the sign-in page offers it. */
    ORYLO_DEMO_ACCOUNT: z.string().optional(),
    INGEST_MAX_BODY_BYTES: intFromString(16 * 1024),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must look like smtp://user:pass@host:587 (or smtps://)').optional(),
    MAIL_FROM: z.string().default('Orylo <no-reply@orylo.local>'),
    REQUIRE_EMAIL_VERIFICATION: z.enum(['0', '1']).default('0'),
    ORYLO_RETENTION_DAYS: intFromString(180),
    ROLLUP_INTERVAL_MS: intFromString(1_000),
    ORYLO_BACKGROUND_JOBS: z.enum(['0', '1']).default('1'),
    /** 1: outbound webhooks and alert targets may be http and private or loopback addresses (self-hosting, tests). */
    WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
    /** The first retry of a failed webhook delivery waits this long; each next one twice as long (capped). */
    WEBHOOK_RETRY_BASE_MS: intFromString(30_000),
    /** How often each instance checks the organizations' review backlogs for review.backlog alerts. */
    ALERTS_CHECK_INTERVAL_MS: intFromString(60_000),
  });

export type TEnv = z.infer<typeof ZEnvSchema>;

/**
 * The environment as the schema reads it: an empty value means unset, so a
 * `.env` copied from `.env.example` (which lists every variable, most of
 * them blank) gives the defaults instead of failing validation.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = ZEnvSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The validated environment, parsed once per process (lib/process-state.ts). */
export function env(): TEnv {
  return processState('env', () => parseEnv());
}

/** For scripts that change process.env (launchers, tests) before reading it again. */
export function resetEnvCache(): void {
  resetProcessState('env');
}

export function adminEmails(): Set<string> {
  return new Set(
    env()
      .ADMIN_EMAILS.split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The origins the app is served from: BETTER_AUTH_URL's, else localhost and 127.0.0.1 on PORT. */
export function appOrigins(): string[] {
  const e = env();
  return e.BETTER_AUTH_URL ? [new URL(e.BETTER_AUTH_URL).origin] : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`];
}

export function requireDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set. Start Orylo with `npm run dev` or `npm start`, which provide an embedded PostgreSQL, or set DATABASE_URL.');
  }
  return url;
}

export function requireAuthSecret(): string {
  const secret = env().BETTER_AUTH_SECRET;
  if (!secret) {
    throw new Error('BETTER_AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.');
  }
  return secret;
}
