// Server-Sent Events framing. Every event is a default `message` whose data is
// one JSON object with a `type` (DESIGN.md).

const encoder = new TextEncoder();

export function sseEvent(payload: { type: string } & Record<string, unknown>, id?: string): Uint8Array {
  // JSON.stringify never emits a raw newline, so one data: line is enough.
  const idLine = id ? `id: ${id}\n` : '';
  return encoder.encode(`${idLine}data: ${JSON.stringify(payload)}\n\n`);
}

export function sseRetry(ms: number): Uint8Array {
  return encoder.encode(`retry: ${ms}\n\n`);
}

/** A comment line: keeps proxies from timing out an idle stream without waking the client. */
export function sseComment(text: string): Uint8Array {
  return encoder.encode(`: ${text}\n\n`);
}

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
  'Content-Encoding': 'identity',
} as const;
