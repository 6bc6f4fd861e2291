import ipaddr from 'ipaddr.js';

// Which addresses an outbound request (webhooks, Slack alerts) may reach:
// public unicast only. Loopback, private, link-local (cloud metadata at
// 169.254.169.254), carrier-grade NAT, unique-local, multicast, documentation
// and other reserved ranges are refused, unless WEBHOOK_ALLOW_PRIVATE=1
// (self-hosting on a private network, tests). ipaddr.js keeps the IANA range
// tables, so we do not.

/** Whether `address` (an IP literal) is a public unicast address. IPv4-mapped IPv6 counts as its IPv4. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}
