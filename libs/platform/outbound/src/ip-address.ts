/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** A network in CIDR notation (`10.20.0.0/16`, `fe80::/10`). */
export interface IpNetwork {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/**
 * The address a host string names, read the way the resolver and URL parsers read it — so that
 * `2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`, `127.0.0.1.` and `[::ffff:127.0.0.1]` are all seen
 * as 127.0.0.1 — or null when the string is a name to resolve.
 */
export function parseIpAddress(text: string): IpAddress | null {
  let host = text.trim();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.includes(':')) return parseIpv6(host);
  const v4 = parseIpv4(host.endsWith('.') ? host.slice(0, -1) : host);
  return v4 === null ? null : { family: 4, value: v4 };
}

/**
 * The address as policies judge it: an IPv6 address that carries an IPv4 one (IPv4-mapped
 * `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`) is that IPv4 address.
 */
export function effectiveAddress(address: IpAddress): IpAddress {
  if (address.family === 6) {
    const high = address.value >> 32n;
    if (high === 0xffffn || high === 0x64ff9b0000000000000000n) {
      return { family: 4, value: address.value & 0xffffffffn };
    }
  }
  return address;
}

export function formatIpAddress(address: IpAddress): string {
  if (address.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn));
  // The longest run of two or more zero groups becomes `::` (RFC 5952).
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** `10.20.0.0/16`, `fe80::/10`, or a bare address (a /32 or /128); null when not a network. */
export function parseIpNetwork(text: string): IpNetwork | null {
  const slash = text.lastIndexOf('/');
  const address = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return null;
  const bits = BITS[address.family];
  const prefixText = slash < 0 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return null;
  const prefix = Number(prefixText);
  return { family: address.family, base: address.value & mask(address.family, prefix), prefix };
}

export function networkContains(network: IpNetwork, address: IpAddress): boolean {
  return network.family === address.family && (address.value & mask(network.family, network.prefix)) === network.base;
}

/** Whether every address of `inner` lies in `outer`. */
export function networkWithin(inner: IpNetwork, outer: IpNetwork): boolean {
  return (
    inner.family === outer.family &&
    inner.prefix >= outer.prefix &&
    networkContains(outer, { family: inner.family, value: inner.base })
  );
}

function mask(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** inet_aton: one to four parts, each decimal, octal (`0…`) or hex (`0x…`); the last fills the rest. */
function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return null;
  const values: bigint[] = [];
  for (const part of parts) {
    let value: bigint;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0n : BigInt(part);
    else if (/^0[0-7]+$/.test(part)) value = BigInt(`0o${part.slice(1)}`);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = BigInt(part);
    else return null;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255n)) return null;
  const restBits = BigInt(8 * (4 - values.length));
  if (last >= 1n << restBits) return null;
  return values.reduce((acc, v, i) => acc | (v << BigInt(24 - 8 * i)), 0n) | last;
}

/** RFC 4291 text forms, with an optional zone (`%eth0`) and an embedded dotted IPv4 tail. */
function parseIpv6(text: string): IpAddress | null {
  let host = text.replace(/%[^%]*$/, '');
  const groups: number[] = [];
  const tail = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  if (tail) {
    const octets = tail[1]!.split('.').map(Number);
    if (octets.some((o) => o > 255)) return null;
    host = `${host.slice(0, host.length - tail[1]!.length)}${((octets[0]! << 8) | octets[1]!).toString(16)}:${((octets[2]! << 8) | octets[3]!).toString(16)}`;
  }
  const halves = host.split('::');
  if (halves.length > 2) return null;
  const read = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    for (const group of half.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const head = read(halves[0]!);
  const rest = halves.length === 2 ? read(halves[1]!) : [];
  if (!head || !rest) return null;
  if (halves.length === 2) {
    if (head.length + rest.length > 7) return null;
    groups.push(...head, ...Array<number>(8 - head.length - rest.length).fill(0), ...rest);
  } else {
    if (head.length !== 8) return null;
    groups.push(...head);
  }
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n) };
}
