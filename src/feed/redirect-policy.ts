/**
 * Where a feed redirect may lead. The feed is fetched from inside the cluster: a redirect that a hijacked or
 * hostile feed host sends must not make the bot probe internal services or the cloud metadata address. A redirect
 * within FEED_URL's own origin is always followed (that is where the operator pointed the bot; local test feeds
 * live on 127.0.0.1); anywhere else, every address the target's host resolves to must be public.
 *
 * The check resolves the name, and fetch() resolves it again to connect: a DNS answer that changes in between
 * (rebinding) is not caught here. The byte and time limits of the fetch still apply to what it would reach.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export type Lookup = (host: string) => Promise<Array<{ address: string; family: number }>>;

const defaultLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Addresses that are not on the public internet: RFC 6890 special-purpose blocks and their IPv6 kin. */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (Alibaba's metadata is 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (AWS metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/** True when the address (IPv4 or IPv6, as dns.lookup returns it) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::/96) addresses reach the IPv4 address they embed.
  const embedded = embeddedIpv4(address);
  if (embedded) return !NOT_PUBLIC.check(embedded, 'ipv4');
  return !NOT_PUBLIC.check(address, 'ipv6');
}

/**
 * Why following a redirect from `from` to `to` is refused, or undefined when it may be followed. `to` is absolute.
 */
export async function checkRedirect(
  from: string,
  to: string,
  lookup: Lookup = defaultLookup,
): Promise<string | undefined> {
  const source = new URL(from);
  const target = new URL(to);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return `${target.protocol} is not http(s)`;
  if (source.protocol === 'https:' && target.protocol === 'http:') return 'a redirect from https to http';
  if (target.origin === source.origin) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host)).map((a) => a.address);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      return `${host} does not resolve (${e?.code ?? e?.message ?? String(err)})`;
    }
  }
  if (addresses.length === 0) return `${host} does not resolve`;
  const internal = addresses.find((a) => !isPublicAddress(a));
  if (internal) return `${host} is not a public address (${internal})`;
  return undefined;
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (!groups) return undefined;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (!mapped && !nat64) return undefined;
  return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
}

/** Eight 16-bit groups of an IPv6 address, a dotted IPv4 tail included. */
function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}
