import { ApiError, fetchJson } from '@/lib/api-client';
import { RealtimeHttpError, type TPollPage } from './types';

// The polling fallback over fetch(): GET /api/v1/detections?after=<cursor>.
// An HTTP error becomes a RealtimeHttpError with its status and Retry-After,
// so the client stops on 401/403 and waits as long as a 429/503 asks (the
// server answers 503 with Retry-After while its database is down).

export async function fetchPoll(cursor: string): Promise<TPollPage> {
  try {
    return await fetchJson<TPollPage>(`/api/v1/detections?after=${encodeURIComponent(cursor)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status > 0) throw new RealtimeHttpError(error.status, error.message, error.retryAfterMs);
    throw error;
  }
}
