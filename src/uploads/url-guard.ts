/**
 * SSRF guard for URL uploads: only https, and only hosts whose every resolved address is public
 * (no loopback, private, link-local, CGNAT, multicast or reserved ranges, IPv4 and IPv6). The
 * check runs before each request and each redirect hop, and again inside the connection's DNS
 * lookup (`guardedLookup`) so a host cannot resolve to a public address for the check and a
 * private one for the connection. Sandbox mode allows http on loopback so tests and the demo
 * can serve files locally.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import { BlockList, isIP } from 'node:net';
import { ZaloInputError } from '../zalo/errors.js';

const lookupAll = promisify(dnsLookup);

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  // ::/96 covers ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d; ::ffff:0:0:0/96 is SIIT.
  ['::', 96], ['::ffff:0:0:0', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** The 8 groups of an IPv6 address (handles `::` and a trailing dotted IPv4). */
function ipv6Groups(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -v4[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g || '0', 16));
}

/** The IPv4 address embedded in an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIpv4(ip: string): string | undefined {
  const g = ipv6Groups(ip);
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return quad(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return quad(g[6]!, g[7]!);
  if (g[0] === 0x2002) return quad(g[1]!, g[2]!);
  return undefined;
}

/** True when an IP address must not be fetched (not a public unicast address). */
export function isBlockedAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4 !== undefined) return blocked.check(v4, 'ipv4');
    return blocked.check(ip.split('%')[0]!, 'ipv6');
  }
  return true;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function refuse(url: string, why: string): ZaloInputError {
  return new ZaloInputError(`url ${url} is refused: ${why}`, 'Pass a public https URL, or upload the file from an upload root (path) or as base64.');
}

/**
 * Check a URL before any request: https only, no credentials, and every address the host
 * resolves to is public. Throws ZaloInputError; resolves to the parsed URL.
 */
export async function assertFetchableUrl(url: string, opts: { sandbox: boolean }): Promise<URL> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ZaloInputError(`url "${url.slice(0, 100)}" is not a valid URL`, 'Pass a full https:// URL.');
  }
  if (u.username || u.password) throw refuse(u.origin, 'URLs with credentials are not allowed');
  const sandboxLocal = opts.sandbox && LOOPBACK_HOSTS.has(u.hostname);
  if (u.protocol !== 'https:' && !(sandboxLocal && u.protocol === 'http:')) throw refuse(u.origin, 'only https URLs are allowed');
  if (sandboxLocal) return u;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolveAll(host, u.origin);
  const bad = addresses.find(isBlockedAddress);
  if (bad !== undefined) throw refuse(u.origin, `the host resolves to a loopback, private or reserved address (${bad})`);
  return u;
}

async function resolveAll(host: string, origin: string): Promise<string[]> {
  try {
    const found = await lookupAll(host, { all: true, verbatim: true });
    if (found.length === 0) throw new Error('no address');
    return found.map((a) => a.address);
  } catch {
    throw refuse(origin, 'the host name does not resolve');
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `net.connect` lookup that refuses blocked addresses (used for the actual connection). */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true, verbatim: true, family: options.family ?? 0 }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isBlockedAddress(a.address));
    if (bad || addresses.length === 0) {
      const e = Object.assign(new Error(`refused to connect to ${hostname}: resolves to a non-public address`), { code: 'EBLOCKED' });
      return callback(e, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
