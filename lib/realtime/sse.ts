// The response headers of an SSE stream: no caching or transformation by
// proxies, no buffering by nginx (X-Accel-Buffering), no compression. The
// events themselves are framed by lib/stream-protocol.
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
  'Content-Encoding': 'identity',
} as const;
