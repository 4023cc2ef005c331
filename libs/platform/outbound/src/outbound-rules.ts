import {
  effectiveAddress,
  formatIpAddress,
  networkContains,
  networkWithin,
  parseIpAddress,
  parseIpNetwork,
  type IpAddress,
  type IpNetwork,
} from './ip-address.js';

/**
 * One `outbound.allow` entry: a network (`10.20.0.0/16`), an address with an optional port
 * (`127.0.0.1:8090`, `[::1]:8090`, `::1`), or a host name with an optional port
 * (`db.example.gov.cn:5432`).
 */
export type AllowEntry =
  | { kind: 'network'; text: string; network: IpNetwork; port: number | null }
  | { kind: 'host'; text: string; host: string; port: number | null };

/** Why an address is refused: a kind of special address, the node's own endpoint, or not listed. */
export type OutboundRule =
  | 'unspecified'
  | 'loopback'
  | 'link-local'
  | 'cloud-metadata'
  | 'multicast'
  | 'reserved'
  | 'infrastructure'
  | 'not-listed';

export type OutboundVerdict = { allowed: true } | { allowed: false; rule: OutboundRule; message: string };

/** An endpoint of the node itself (its database, cache, brokers, service ports), resolved. */
export interface InfrastructureEndpoint {
  /** The host as the node config names it. */
  host: string;
  port: number;
  addresses: IpAddress[];
}

type SpecialKind = Exclude<OutboundRule, 'infrastructure' | 'not-listed'>;

/**
 * Addresses no entry wider than themselves reaches: a list must name them (or a network inside
 * them). Most specific first, so that the metadata address is not unlocked by its link-local network.
 */
const SPECIAL_NETWORKS: ReadonlyArray<{ network: IpNetwork; kind: SpecialKind }> = (
  [
    // "This network": connecting to 0.0.0.0 reaches the local host on Linux.
    ['0.0.0.0/8', 'unspecified'],
    ['127.0.0.0/8', 'loopback'],
    ['169.254.169.254/32', 'cloud-metadata'],
    ['169.254.0.0/16', 'link-local'],
    // Alibaba Cloud's and Azure's metadata / wire-server addresses.
    ['100.100.100.200/32', 'cloud-metadata'],
    ['168.63.129.16/32', 'cloud-metadata'],
    ['224.0.0.0/4', 'multicast'],
    // Class E and the limited broadcast address.
    ['240.0.0.0/4', 'reserved'],
    ['::/128', 'unspecified'],
    ['::1/128', 'loopback'],
    ['fd00:ec2::254/128', 'cloud-metadata'],
    ['fe80::/10', 'link-local'],
    ['ff00::/8', 'multicast'],
  ] as const
).map(([text, kind]) => ({ network: parseIpNetwork(text)!, kind }));

const SPECIAL_WORDS: Record<SpecialKind, string> = {
  unspecified: 'an unspecified ("this host") address',
  loopback: 'a loopback address',
  'link-local': 'a link-local address',
  'cloud-metadata': 'a cloud metadata service address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
};

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** A host as compared with list entries: lower case, no brackets, no trailing dot. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/** The entry, or what is wrong with it (for the config loader's message). */
export function parseAllowEntry(text: string): AllowEntry | { problem: string } {
  const expected = 'a CIDR network (10.20.0.0/16), or an address or host name with an optional :port';
  const trimmed = text.trim();
  if (trimmed.includes('/')) {
    const network = parseIpNetwork(trimmed);
    return network ? { kind: 'network', text, network: singleV4(network), port: null } : { problem: expected };
  }
  let host = trimmed;
  let portText: string | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2] ?? null;
  } else if ((trimmed.match(/:/g) ?? []).length === 1) {
    [host, portText] = trimmed.split(':') as [string, string];
  }
  let port: number | null = null;
  if (portText !== null) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65_535) {
      return { problem: `${expected}; the port is a number between 1 and 65535` };
    }
    port = Number(portText);
  }
  const address = parseIpAddress(host);
  if (address) {
    const bits = address.family === 4 ? 32 : 128;
    return {
      kind: 'network',
      text,
      network: singleV4({ family: address.family, base: address.value, prefix: bits }),
      port,
    };
  }
  const name = normaliseHost(host);
  if (!HOST_NAME.test(name)) return { problem: expected };
  return { kind: 'host', text, host: name, port };
}

/**
 * 出站访问策略 — which addresses the node's services may connect to for data sources and exchange
 * upstreams. An address is allowed when an entry lists it, except that
 * - special addresses (loopback, link-local, cloud metadata, unspecified, multicast, reserved) are
 *   reached only through an entry that names them or a network inside them, never through a wider
 *   network such as 0.0.0.0/0, and never through a host name (a name may start resolving to them);
 * - the node's own endpoints (database, Redis, Kafka, service and link ports) are reached only
 *   through an entry naming exactly that host:port, whatever network entry covers them.
 */
export class OutboundRules {
  private readonly entries: AllowEntry[];

  constructor(
    allow: readonly string[],
    private readonly infrastructure: readonly InfrastructureEndpoint[],
    /** Addresses of this machine's interfaces: an endpoint on loopback listens on them too. */
    private readonly localAddresses: readonly IpAddress[] = [],
  ) {
    this.entries = allow.map((text) => {
      const entry = parseAllowEntry(text);
      if ('problem' in entry) throw new Error(`outbound.allow entry ${JSON.stringify(text)}: ${entry.problem}`);
      return entry;
    });
  }

  /**
   * May `address` be connected to at `port`, reached as `host` (the name as given; the address
   * itself when it was given as one)?
   */
  verdict(host: string, port: number, address: IpAddress): OutboundVerdict {
    const target = effectiveAddress(address);
    const name = normaliseHost(host);
    const shown = `${formatIpAddress(address)}:${port}`;
    const own = this.ownEndpoints(target, port);
    if (own.length > 0) {
      // A host name reaches an own endpoint only when the config names the endpoint so: a name that
      // merely resolves there (rebinding) does not.
      const exact = this.entries.some(
        (e) =>
          e.port === port &&
          (e.kind === 'host'
            ? e.host === name && own.some((endpoint) => normaliseHost(endpoint.host) === name)
            : e.network.prefix === (e.network.family === 4 ? 32 : 128) && networkContains(e.network, target)),
      );
      return exact
        ? { allowed: true }
        : refuse(
            'infrastructure',
            `${shown} is an endpoint of this node itself (database, cache, message broker or service port); ` +
              'outbound.allow reaches it only when it lists exactly that host:port',
          );
    }
    const special = SPECIAL_NETWORKS.find((s) => networkContains(s.network, target));
    if (special) {
      const named = this.entries.some(
        (e) =>
          e.kind === 'network' &&
          portMatches(e, port) &&
          networkContains(e.network, target) &&
          networkWithin(e.network, special.network),
      );
      return named
        ? { allowed: true }
        : refuse(
            special.kind,
            `${shown} is ${SPECIAL_WORDS[special.kind]}; outbound.allow reaches it only when it names it (an address, or a network inside ${formatNetwork(special.network)})`,
          );
    }
    const listed = this.entries.some(
      (e) => portMatches(e, port) && (e.kind === 'host' ? e.host === name : networkContains(e.network, target)),
    );
    return listed ? { allowed: true } : refuse('not-listed', `${shown} is not in the node's outbound.allow list`);
  }

  private ownEndpoints(target: IpAddress, port: number): InfrastructureEndpoint[] {
    const local = this.isLocal(target);
    return this.infrastructure.filter(
      (endpoint) =>
        endpoint.port === port &&
        endpoint.addresses.some((a) => {
          const own = effectiveAddress(a);
          return sameAddress(own, target) || (local && this.isLocal(own));
        }),
    );
  }

  /** Loopback, unspecified or one of this machine's own addresses. */
  private isLocal(address: IpAddress): boolean {
    const special = SPECIAL_NETWORKS.find((s) => networkContains(s.network, address));
    if (special && (special.kind === 'loopback' || special.kind === 'unspecified')) return true;
    return this.localAddresses.some((a) => sameAddress(effectiveAddress(a), address));
  }
}

function portMatches(entry: AllowEntry, port: number): boolean {
  return entry.port === null || entry.port === port;
}

function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && a.value === b.value;
}

function formatNetwork(network: IpNetwork): string {
  return `${formatIpAddress({ family: network.family, value: network.base })}/${network.prefix}`;
}

/** An IPv4-mapped network entry (`::ffff:127.0.0.1`) is the IPv4 network it maps. */
function singleV4(network: IpNetwork): IpNetwork {
  if (network.family === 6 && network.prefix >= 96 && network.base >> 32n === 0xffffn) {
    return { family: 4, base: network.base & 0xffffffffn, prefix: network.prefix - 96 };
  }
  return network;
}

function refuse(rule: OutboundRule, message: string): OutboundVerdict {
  return { allowed: false, rule, message };
}
