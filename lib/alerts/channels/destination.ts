// Where a channel may send: public addresses only, unless the admin's allow-list
// (HEADROOM_CHANNEL_ALLOW) names the host or its network. The check runs on the
// address actually connected to, after DNS, so a name that changes its answer
// between the save and the send (DNS rebinding) cannot reach an internal service.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Networks no alert needs to reach, with the reason a refusal names. */
const ranges: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'private (carrier-grade NAT)'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['198.18.0.0', 15, 'ipv4', 'reserved'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
  ['64:ff9b:1::', 48, 'ipv6', 'reserved'],
];
const lists = ranges.map(([net, prefix, type, reason]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { list, type, reason };
});
const metadata = new Set(['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200']);

/** IPv4 written inside IPv6 (::ffff:127.0.0.1, ::127.0.0.1, and ::ffff:7f00:1 as URLs write it) is judged as the IPv4 it is. */
function unwrap(ip: string): string {
  const m = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (!hex) return ip;
  const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Why an address is internal ("loopback", "cloud metadata", …), or null for a public one. */
export function internalReason(address: string): string | null {
  const ip = unwrap(address);
  const family = isIP(ip);
  if (!family) return 'not an address';
  if (metadata.has(ip.toLowerCase())) return 'cloud metadata';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return lists.find((l) => l.type === type && l.list.check(ip, type))?.reason ?? null;
}

export interface AllowList { hosts: Set<string>; nets: BlockList }

/** HEADROOM_CHANNEL_ALLOW: host names, addresses and CIDR networks, separated by commas or spaces. */
export function parseAllowList(text: string | undefined): AllowList {
  const out: AllowList = { hosts: new Set(), nets: new BlockList() };
  for (const item of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [addr, bits] = item.split('/');
    const family = isIP(addr!);
    if (family && bits !== undefined) out.nets.addSubnet(addr!, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
    else if (family) out.nets.addAddress(addr!, family === 4 ? 'ipv4' : 'ipv6');
    else out.hosts.add(item.toLowerCase());
  }
  return out;
}

export const emptyAllowList = (): AllowList => parseAllowList('');

/** Null when `host` may be sent to at `address`; else why not, in words for the delivery log and the form. */
export function refusal(host: string, address: string, allow: AllowList): string | null {
  const reason = internalReason(address);
  if (!reason) return null;
  const ip = unwrap(address);
  if (allow.hosts.has(host.toLowerCase()) || allow.nets.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4')) return null;
  const shown = host === address ? address : `${host} (${address})`;
  return `refused: ${shown} is a ${reason} address; HEADROOM_CHANNEL_ALLOW can allow it`;
}

/** An error that says the destination was refused: the outbox gives up on it rather than retrying. */
export class RefusedDestination extends Error {
  readonly code = 'EREFUSEDDESTINATION';
}

type Resolve = (host: string) => Promise<LookupAddress[]>;
const systemResolve: Resolve = (host) => new Promise((resolve, reject) => {
  dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
});

/** Every address `host` resolves to, refusing it when any is internal and not allowed. */
export async function checkedAddresses(host: string, allow: AllowList, resolve: Resolve = systemResolve): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await resolve(bare);
  for (const a of addresses) {
    const why = refusal(bare, a.address, allow);
    if (why) throw new RefusedDestination(why);
  }
  return addresses;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net/http/tls connections that connects only to checked addresses. */
export function checkedLookup(allow: AllowList, resolve: Resolve = systemResolve) {
  return (host: string, options: { all?: boolean } | number | undefined, callback: LookupCallback): void => {
    checkedAddresses(host, allow, resolve).then(
      (addresses) => {
        if (typeof options === 'object' && options?.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
