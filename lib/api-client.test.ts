import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchJson, parseRetryAfterMs } from './api-client';

// The browser's JSON client against a stubbed fetch: what an error carries.

afterEach(() => {
  vi.unstubAllGlobals();
});

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }));

describe('fetchJson', () => {
  it("keeps the server's error and its Retry-After (seconds) in ms", async () => {
    vi.stubGlobal('fetch', answer(503, { error: { code: 'unavailable', message: 'The database is unreachable.' } }, { 'Retry-After': '7' }));
    const error = await fetchJson('/api/v1/detections').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable', message: 'The database is unreachable.', retryAfterMs: 7_000 });
  });

  it('has no retryAfterMs when the answer has no Retry-After', async () => {
    vi.stubGlobal('fetch', answer(400, { error: { code: 'invalid', message: 'Bad limit', field: 'limit' } }));
    const error = await fetchJson('/api/v1/detections').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, field: 'limit', retryAfterMs: undefined });
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds or an HTTP date, and nothing else', () => {
    expect(parseRetryAfterMs('7')).toBe(7_000);
    expect(parseRetryAfterMs('0')).toBe(0);
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(parseRetryAfterMs('Sun, 01 Jun 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
  });
});
