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
