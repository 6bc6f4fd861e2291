/**
 * The client's address: the last X-Forwarded-For hop, which Next (and the
 * lean stream handler, like it) sets from the socket, so a client cannot
 * forge it. Every path that needs the client IP (limits, audit) reads it here.
 */
export function clientIp(req: Request): string {
  const forwarded = req.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return last ?? req.headers.get('x-real-ip') ?? 'unknown';
}
