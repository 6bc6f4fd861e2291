import { BASE_URL } from './env';

export type SseMessage = { id?: string; data: any; raw: string };

/**
 * A real HTTP SSE reader for tests: opens GET /api/v1/events with a cookie,
 * parses frames as they arrive, and lets a test wait for a condition.
 */
export class SseReader {
  readonly messages: SseMessage[] = [];
  private waiters: (() => void)[] = [];
  private controller = new AbortController();
  response!: Response;
  closed = false;

  static async open(options: { cookie?: string; lastEventId?: string; query?: string; baseUrl?: string; headers?: Record<string, string> }): Promise<SseReader> {
    const reader = new SseReader();
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    reader.response = await fetch(`${options.baseUrl ?? BASE_URL}/api/v1/events${options.query ?? ''}`, { headers, signal: reader.controller.signal });
    if (reader.response.ok && reader.response.body) void reader.pump(reader.response.body);
    return reader;
  }

  private async pump(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = frame.split('\n');
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!data) continue;
          const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
          this.messages.push({ id, data: JSON.parse(data), raw: frame });
          this.waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      /* aborted */
    } finally {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    }
  }

  ofType(type: string) {
    return this.messages.filter((m) => m.data.type === type);
  }

  /** All detections received so far, in arrival order. */
  detections(): any[] {
    return this.ofType('new_detections').flatMap((m) => m.data.data);
  }

  lastId(): string | undefined {
    return [...this.messages].reverse().find((m) => m.id)?.id;
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${this.messages.length} messages`);
      if (this.closed) throw new Error(`stream closed while waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close() {
    this.controller.abort();
  }
}
