import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchPoll } from './fetch-poll';
import { RealtimeHttpError } from './types';

// The polling fallback's HTTP side against a stubbed fetch.

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchPoll', () => {
  it('asks for the rows after the cursor', async () => {
    const fetch = vi.fn(async () => Response.json({ detections: [], cursor: '12-3', hasMore: false }));
    vi.stubGlobal('fetch', fetch);
    await expect(fetchPoll('12-1')).resolves.toEqual({ detections: [], cursor: '12-3', hasMore: false });
    expect(fetch).toHaveBeenCalledWith('/api/v1/detections?after=12-1', expect.anything());
  });

  it('turns a 503 with Retry-After (the database is down) into a RealtimeHttpError that says how long to wait', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503, headers: { 'Retry-After': '7' } })));
    const error = await fetchPoll('12-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RealtimeHttpError);
    expect(error).toMatchObject({ status: 503, retryAfterMs: 7_000 });
  });

  it('lets a network error through as it is (not an HTTP answer)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('failed'))));
    const error = await fetchPoll('12-1').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RealtimeHttpError);
  });
});
