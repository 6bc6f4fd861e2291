import { createHmac, randomBytes } from 'node:crypto';

// Orylo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>,
// one v1= per live secret (two during a rotation's overlap, newest first).
// Verified the merchant's way by the code in ./verify-snippet.ts.

export const SIGNATURE_HEADER = 'Orylo-Signature';
export const EVENT_ID_HEADER = 'Orylo-Event-Id';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function signatureHeader(secrets: string[], body: string, timestamp: number): string {
  const v1 = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  return [`t=${timestamp}`, ...v1].join(',');
}
