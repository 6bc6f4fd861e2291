import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { isPublicAddress } from './address';

// The rule for every URL Orylo posts to on a merchant's behalf (DESIGN,
// "Outbound webhooks"): https, and a host that does not resolve to a private
// or loopback address, unless WEBHOOK_ALLOW_PRIVATE=1 (then http and local
// addresses are allowed too). Checked twice: when the URL is saved (a clear
// 400) and at every connection (lookupPublicOnly), so a name that resolves
// elsewhere later (DNS rebinding) still cannot reach the private network.

const MAX_URL_LENGTH = 2_048;

export const allowPrivateTargets = () => env().WEBHOOK_ALLOW_PRIVATE === '1';

/** Parses and checks the shape of a target URL; returns it normalised, or throws a 400 naming `field`. */
export function parseTargetUrl(raw: string, field: string): URL {
  const refuse = (message: string) => new AppError('validation_error', `${field}: ${message}`);
  if (raw.length > MAX_URL_LENGTH) throw refuse(`Must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('Must be an absolute URL such as https://example.com/orylo');
  }
  const allowPrivate = allowPrivateTargets();
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw refuse('Must use https');
  if (url.username || url.password) throw refuse('Must not contain a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) throw refuse(`${host} is a private, loopback or reserved address`);
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.'))) throw refuse(`${host} is not a public host name`);
  return url;
}

/**
 * Resolves the URL's host and throws a 400 when any of its addresses is not
 * public (unless private targets are allowed). For saving a URL: the person
 * typing it hears at once why it will never be called.
 */
export async function assertPublicTarget(url: URL, field: string): Promise<void> {
  if (allowPrivateTargets()) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return; // checked by parseTargetUrl
  let addresses: LookupAddress[];
  try {
    addresses = await new Promise((resolve, reject) => dnsLookup(host, { all: true }, (error, all) => (error ? reject(error) : resolve(all))));
  } catch {
    throw new AppError('validation_error', `${field}: ${host} does not resolve; check the host name`);
  }
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  if (bad) throw new AppError('validation_error', `${field}: ${host} resolves to ${bad.address}, a private, loopback or reserved address`);
}

type TLookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request: resolves as usual, then refuses the
 * connection when an address is not public (unless private targets are
 * allowed). The connection goes to the address checked, so a rebinding name
 * cannot swap it afterwards.
 */
export function lookupPublicOnly(hostname: string, options: { all?: boolean; family?: number }, callback: TLookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, options.all ? [] : '');
    const allowed = allowPrivateTargets() ? addresses : addresses.filter((a) => isPublicAddress(a.address));
    if (allowed.length === 0) {
      const refused = Object.assign(new Error(`${hostname} resolves only to private, loopback or reserved addresses`), { code: 'EPRIVATEADDRESS' });
      return callback(refused, options.all ? [] : '');
    }
    if (options.all) return callback(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
}
