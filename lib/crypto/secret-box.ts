import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { env } from '@/lib/env';

// Secrets Orylo must use again later, so cannot hash: a webhook endpoint's
// signing secret, the organization's Stripe webhook secret. Stored sealed
// with AES-256-GCM under a key derived (HKDF) from BETTER_AUTH_SECRET, so a
// copy of the database alone does not hand them out. `purpose` binds a
// sealed value to what it is for: a value sealed for one use does not open
// for another. Format: "v1.<iv>.<tag>.<ciphertext>", base64url.

const VERSION = 'v1';

function keyFor(purpose: string): Buffer {
  const secret = env().BETTER_AUTH_SECRET;
  if (!secret) throw new Error('BETTER_AUTH_SECRET is not set: secrets cannot be sealed');
  return Buffer.from(hkdfSync('sha256', secret, 'orylo:secret-box', `orylo:${purpose}`, 32));
}

export function sealSecret(plain: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The plain secret; throws when the value was not sealed for `purpose` with this instance's secret. */
export function openSecret(sealed: string, purpose: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
