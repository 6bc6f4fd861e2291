import { parseRetryAfterMs } from '@/lib/api-client';
import { createSseParser } from './sse-parser';
import type { TTransport } from './types';

// The stream over fetch() rather than EventSource: EventSource hides the HTTP
// status (a 401, a 429 and a dead server all look alike) and retries on its
// own schedule with a stale URL. fetch() shows the status and Retry-After, so
// the client can act on them (sign-in, org picker, wait) and own its backoff.

export const fetchTransport: TTransport = {
  open(url, handlers) {
    const controller = new AbortController();
    let done = false;
    const fail: typeof handlers.onFailure = (failure) => {
      if (done) return;
      done = true;
      handlers.onFailure(failure);
    };

    void (async () => {
      let res: Response;
      try {
        res = await fetch(url, { headers: { Accept: 'text/event-stream' }, cache: 'no-store', credentials: 'same-origin', signal: controller.signal });
      } catch {
        return fail({ reason: 'network_error' });
      }
      if (!res.ok || !res.body) {
        void res.body?.cancel().catch(() => {});
        return fail({ status: res.status, retryAfterMs: parseRetryAfterMs(res.headers.get('Retry-After')), reason: `http_${res.status}` });
      }
      const parser = createSseParser(
        (m) => !done && handlers.onMessage(m),
        (ms) => !done && handlers.onRetryHint(ms),
      );
      // A TextDecoder on the raw chunks rather than a TextDecoderStream piped in
      // front: one stream fewer, so fewer promise hops per event (dozens a second
      // under attack). stream: true keeps a character split across chunks whole.
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done: ended } = await reader.read();
          if (ended) return fail({ reason: 'stream_ended' });
          parser.push(decoder.decode(value, { stream: true }));
        }
      } catch {
        fail({ reason: 'stream_broken' });
      }
    })();

    return () => {
      done = true;
      controller.abort();
    };
  },
};
