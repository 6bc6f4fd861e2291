import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader } from './signature';
import { VERIFY_SNIPPET } from './verify-snippet';

/** The snippet merchants copy, loaded as they would load it. */
function loadVerifier(): (rawBody: string | Buffer, header: string, secret: string, toleranceSeconds?: number) => boolean {
  const mod = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', VERIFY_SNIPPET)(createRequire(import.meta.url), mod, mod.exports);
  return mod.exports.verifyOryloSignature as never;
}

describe('signatures, verified with the published snippet', () => {
  const verify = loadVerifier();
  const body = JSON.stringify({ id: 'e1', type: 'test', createdAt: new Date().toISOString(), data: { é: 'ü' } });
  const now = Math.floor(Date.now() / 1000);

  it('accepts its own signature, with either secret of a rotation', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    expect(verify(body, signatureHeader([a], body, now), a)).toBe(true);
    expect(verify(Buffer.from(body), signatureHeader([b, a], body, now), a)).toBe(true);
    expect(verify(body, signatureHeader([b, a], body, now), b)).toBe(true);
  });

  it('refuses another secret, a changed body, an old or malformed header', () => {
    const s = newWebhookSecret();
    expect(verify(body, signatureHeader([s], body, now), newWebhookSecret())).toBe(false);
    expect(verify(body + ' ', signatureHeader([s], body, now), s)).toBe(false);
    expect(verify(body, signatureHeader([s], body, now - 301), s)).toBe(false);
    expect(verify(body, 'garbage', s)).toBe(false);
    expect(verify(body, '', s)).toBe(false);
  });
});
