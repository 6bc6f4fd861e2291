import { BlockList, isIP } from 'node:net';
import { env } from '@/lib/env';
import { processState } from '@/lib/process-state';

/**
 * The header the server in front of Next (scripts/server.ts) sets on every
 * request to the client's address as derived below, after removing any copy a
 * client sent. Route handlers, Better Auth's rate limits and the audit trail
 * read it; nothing reads X-Forwarded-For on its own.
 */
export const CLIENT_IP_HEADER = 'x-orylo-client-ip';

/** ::ffff:203.0.113.7 is 203.0.113.7. */
function canonical(ip: string): string {
  const v4 = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  return v4 ? v4[1] : ip.toLowerCase();
}

/** TRUSTED_PROXIES as a block list (IPs and CIDRs), parsed once per process. */
function trustedProxies(): BlockList {
  return processState(`client-ip.trusted:${env().TRUSTED_PROXIES ?? ''}`, () => {
    const list = new BlockList();
    for (const entry of (env().TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const [address, bits] = entry.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(canonical(address), type);
      else list.addSubnet(canonical(address), Number(bits), type);
    }
    return list;
  });
}

function isTrusted(list: BlockList, ip: string): boolean {
  const version = isIP(ip);
  return version !== 0 && list.check(ip, version === 6 ? 'ipv6' : 'ipv4');
}

/**
 * SECURITY: the client's address. The socket's, unless the socket is a
 * trusted proxy (TRUSTED_PROXIES); then the right-most X-Forwarded-For hop
 * that is not a trusted proxy. A client-sent X-Forwarded-For is never
 * believed on its own: with no trusted proxy it is ignored.
 */
export function deriveClientIp(socketAddress: string | undefined, forwardedFor: string | null | undefined, trusted = trustedProxies()): string {
  const socket = canonical(socketAddress ?? 'unknown');
  if (!isTrusted(trusted, socket)) return socket;
  const hops = (forwardedFor ?? '').split(',').map((s) => canonical(s.trim())).filter((s) => isIP(s) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(trusted, hops[i])) return hops[i];
  // Only proxies all the way: the left-most is as close to the client as we can tell.
  return hops[0] ?? socket;
}

/** The client IP of a request, as the server in front of Next derived it. */
export function clientIp(req: Request): string {
  const set = req.headers.get(CLIENT_IP_HEADER);
  if (set) return set;
  // Plain `next start` (no scripts/server.ts in front): Next's own last X-Forwarded-For hop (see README).
  return req.headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).at(-1) ?? 'unknown';
}
