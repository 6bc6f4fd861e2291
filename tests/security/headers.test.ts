import { describe, expect, it } from 'vitest';
import { BASE_URL } from '../helpers/env';

describe('response headers', () => {
  it('no page may be framed by another site', async () => {
    for (const path of ['/sign-in', '/dashboard', '/api/health']) {
      const res = await fetch(`${BASE_URL}${path}`, { redirect: 'manual' });
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });
});

describe('query strings a person could mistype, or an attacker send', () => {
  it('answer 400 naming the parameter, never a 500', async () => {
    const { newMerchant } = await import('../helpers/env');
    const m = await newMerchant('bad-query');
    const cases: [string, string][] = [
      ['/api/v1/detections?cursor=9999999999999999999', 'cursor'],
      ['/api/v1/detections?cursor=9223372036854775807', 'cursor'],
      ['/api/v1/audit?cursor=2026-13-45T10:00:00.000000Z_123e4567-e89b-12d3-a456-426614174000', 'cursor'],
      ['/api/v1/detections/export?from=0000-01-01T00:00:00Z', 'from'],
    ];
    for (const [path, field] of cases) {
      const res = await m.session.fetch(path);
      const body = await res.json();
      expect([res.status, body.error.field], path).toEqual([400, field]);
    }
  });
});
