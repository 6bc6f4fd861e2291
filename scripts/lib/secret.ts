import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { logger } from '@/lib/logger';

/**
 * Development only: BETTER_AUTH_SECRET from the environment, or one generated
 * once and kept in the data folder so sessions survive restarts.
 */
export function ensureDevSecret(dataDir: string): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.join(dataDir, 'auth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  logger().warn(
    `BETTER_AUTH_SECRET is not set: generated a development secret in ${file}. ` +
      'In production, set BETTER_AUTH_SECRET yourself (openssl rand -base64 32).',
  );
  return secret;
}
