import { BlockList, isIP } from 'node:net';
import { env, type TTrustedProxy } from '@/lib/env';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';

/**
 * The header the server in front of Next (scripts/server.ts) sets on every
 * request to the client's address as derived below, after removing any copy a
 * client sent. Route handlers, Better Auth's rate limits and the audit trail
 * read it; nothing reads X-Forwarded-For on its own.
 */
export const CLIENT_IP_HEADER = 'x-orylo-client-ip';

/**
 * One spelling per address, so that one client is one key: ::ffff:203.0.113.7
 * is 203.0.113.7, 2001:DB8:0::1 is 2001:db8::1. A hop may carry a port
 * (203.0.113.7:51234, [2001:db8::1]:443), as some proxies write it. Null when
 * the text is not an address.
 */
export function canonicalIp(text: string): string | null {
  const t = text.trim();
  const bare = t.match(/^\[([^\]]+)\](?::\d+)?$/)?.[1] ?? t.match(/^(\d+\.\d+\.\d+\.\d+):\d+$/)?.[1] ?? t;
  const mapped = bare.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1] ?? bare;
  const version = isIP(mapped);
  if (version === 4) return mapped;
  // The URL parser writes IPv6 in its canonical (RFC 5952) form; zone ids (fe80::1%eth0) are not client addresses.
  if (version === 6 && !mapped.includes('%')) return new URL(`http://[${mapped}]`).hostname.slice(1, -1);
  return null;
}

/** TRUSTED_PROXIES as a block list, made once per process (and again if a launcher re-reads the environment). */
function trustedProxies(): BlockList {
  const proxies = env().TRUSTED_PROXIES;
  return processState(`client-ip.trusted:${JSON.stringify(proxies)}`, () => toBlockList(proxies));
}

export function toBlockList(proxies: TTrustedProxy[]): BlockList {
  const list = new BlockList();
  for (const p of proxies) list.addSubnet(p.address, p.prefix, p.family);
  return list;
}

function isTrusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * SECURITY: the client's address. The socket's, unless the socket is a
 * trusted proxy (TRUSTED_PROXIES); then the right-most X-Forwarded-For hop
 * that is not a trusted proxy. A client-sent X-Forwarded-For is never
 * believed on its own: with no trusted proxy it is ignored, and behind one
 * only the hops the trusted proxies appended count (walking from the right,
 * each hop was written by the trusted proxy right of it).
 */
export function deriveClientIp(socketAddress: string | undefined, forwardedFor: string | null | undefined, trusted = trustedProxies()): string {
  const socket = socketAddress === undefined ? null : canonicalIp(socketAddress);
  if (socket === null) return 'unknown';
  if (!isTrusted(trusted, socket)) return socket;
  return walkForwardedFor(forwardedFor, trusted, socket);
}

/**
 * From the right, the first hop that is not a trusted proxy. A hop that is
 * not an address stops the walk (no trusted proxy wrote it): the answer is
 * then the last proxy that did, as when every hop is a trusted proxy and the
 * left-most is the nearest to the client we can vouch for.
 */
function walkForwardedFor(forwardedFor: string | null | undefined, trusted: BlockList, nearest: string): string {
  const hops = (forwardedFor ?? '').split(',').filter((s) => s.trim() !== '');
  let last = nearest;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = canonicalIp(hops[i]);
    if (hop === null) return last;
    if (!isTrusted(trusted, hop)) return hop;
    last = hop;
  }
  return last;
}

/** Whether scripts/server.ts, which stamps CLIENT_IP_HEADER on every request, serves this process. */
const front = () => processState('client-ip.front', () => ({ stamping: false }));

/**
 * SECURITY: scripts/server.ts, for every request before Next sees it: the
 * derived address replaces any CLIENT_IP_HEADER a client sent. From the first
 * call on, Next's route handlers in this process believe that header.
 */
export function stampClientIp(headers: Record<string, string | string[] | undefined>, socketAddress: string | undefined): string {
  front().stamping = true;
  const forwarded = headers['x-forwarded-for'];
  const ip = deriveClientIp(socketAddress, Array.isArray(forwarded) ? forwarded.join(', ') : forwarded);
  headers[CLIENT_IP_HEADER] = ip;
  return ip;
}

/**
 * SECURITY: the client IP of a request inside Next. Behind scripts/server.ts:
 * the header it stamped. Under plain `next start` nothing stamps it, so a
 * copy of that header came from the client and is ignored; the socket is not
 * visible there, so the address is taken from X-Forwarded-For only when
 * TRUSTED_PROXIES says a proxy is in front (the operator's promise that
 * nothing else reaches the port), else it is 'unknown' (README, "Decisions
 * where the contract is silent").
 */
export function clientIp(req: Request): string {
  if (front().stamping) return req.headers.get(CLIENT_IP_HEADER) ?? 'unknown';
  const e = env();
  if (e.TRUSTED_PROXIES.length === 0) {
    warnUnknownOnce();
    return 'unknown';
  }
  return walkForwardedFor(req.headers.get('x-forwarded-for'), trustedProxies(), 'unknown');
}

function warnUnknownOnce() {
  const warned = processState('client-ip.warned', () => ({ done: false }));
  if (warned.done) return;
  warned.done = true;
  logger().warn('client IP unknown: plain `next start` cannot see the socket and TRUSTED_PROXIES is empty; per-IP limits are shared by every client (run `npm start`, or set TRUSTED_PROXIES to the proxy in front)');
}
