import { describe, expect, it } from 'vitest';
import { toAppError } from '@/lib/errors';
import { readJsonValue } from './body';

/** A request whose body sends `sent` and then fails the way Node's does when the client hangs up. */
function hungUpRequest(sent: string): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(sent));
      queueMicrotask(() => controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    },
  });
  return new Request('http://orylo.test/api/v1/transactions', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
}

describe('a client that hangs up mid-body', () => {
  it('is a 400 about the request, not "the database is unreachable"', async () => {
    const error = await readJsonValue(hungUpRequest('{"externalId":"ord_1","amo'), { maxBytes: 16_384 }).catch((e) => e);
    const mapped = toAppError(error);
    expect(mapped.code).toBe('bad_request');
    expect(mapped.status).toBe(400);
    expect(mapped.message).toMatch(/ended before it was complete/);
  });
});
