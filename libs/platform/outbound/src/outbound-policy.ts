import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import { formatIpAddress, parseIpAddress, type IpAddress } from './ip-address.js';
import { normaliseHost, OutboundRules, type InfrastructureEndpoint, type OutboundRule } from './outbound-rules.js';

/** A host:port the node itself serves or uses (its database, Redis, Kafka, service ports). */
export interface HostPort {
  host: string;
  port: number;
}

/** Resolves a host name to every address it has. */
export type HostResolver = (host: string) => Promise<IpAddress[]>;

export interface OutboundPolicyOptions {
  /** `outbound.allow` of the node config. */
  allow: readonly string[];
  infrastructure: readonly HostPort[];
  resolve?: HostResolver;
}

/** A connection the policy refuses; `code` lets callers tell it from network failures. */
export class OutboundRefusedError extends Error {
  readonly code = 'GOVDATA_OUTBOUND_REFUSED';

  constructor(
    readonly host: string,
    readonly port: number,
    readonly rule: OutboundRule,
    reason: string,
  ) {
    super(reason);
    this.name = 'OutboundRefusedError';
  }
}

/** How long the node's own endpoints' addresses are trusted before they are resolved again. */
const INFRASTRUCTURE_TTL_MS = 60_000;

/**
 * The node's outbound policy with name resolution: every address a host resolves to is checked,
 * and callers connect to the checked address itself — so a name cannot resolve to an allowed
 * address for the check and to a refused one for the connection (DNS rebinding).
 */
export class OutboundPolicy {
  private readonly resolveHost: HostResolver;
  private rules?: { value: Promise<OutboundRules>; until: number };

  constructor(private readonly options: OutboundPolicyOptions) {
    this.resolveHost = options.resolve ?? resolveWithSystem;
    // A bad entry fails here, at start-up, not at the first connection.
    new OutboundRules(options.allow, []);
  }

  /**
   * The addresses to connect to for host:port, every one of them allowed. A refused one fails the
   * whole host (`OutboundRefusedError`); a name that does not resolve fails with the resolver's error.
   */
  async resolve(host: string, port: number): Promise<string[]> {
    const addresses = await this.addressesOf(host);
    const rules = await this.currentRules();
    for (const address of addresses) {
      const verdict = rules.verdict(host, port, address);
      if (!verdict.allowed) throw new OutboundRefusedError(displayHost(host), port, verdict.rule, verdict.message);
    }
    return addresses.map(formatIpAddress);
  }

  /**
   * The check when a data source or an upstream is registered: refused when it resolves to a
   * refused address now. A name that does not resolve yet passes — every connection checks again.
   */
  async admit(host: string, port: number): Promise<void> {
    try {
      await this.resolve(host, port);
    } catch (error) {
      if (error instanceof OutboundRefusedError) throw error;
    }
  }

  private async addressesOf(host: string): Promise<IpAddress[]> {
    const literal = parseIpAddress(host);
    if (literal) return [literal];
    const addresses = await this.resolveHost(normaliseHost(host));
    if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
    return addresses;
  }

  private currentRules(): Promise<OutboundRules> {
    const now = Date.now();
    if (this.rules && this.rules.until > now) return this.rules.value;
    const value = this.buildRules();
    this.rules = { value, until: now + INFRASTRUCTURE_TTL_MS };
    return value;
  }

  private async buildRules(): Promise<OutboundRules> {
    const infrastructure = await Promise.all(
      this.options.infrastructure.map(async ({ host, port }): Promise<InfrastructureEndpoint> => {
        // An endpoint whose name does not resolve now is tried again with the next rules.
        const addresses = await this.addressesOf(host).catch(() => {
          this.rules = undefined;
          return [];
        });
        return { host, port, addresses };
      }),
    );
    return new OutboundRules(this.options.allow, infrastructure, machineAddresses());
  }
}

async function resolveWithSystem(host: string): Promise<IpAddress[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((a) => parseIpAddress(a.address)).filter((a): a is IpAddress => a !== null);
}

function machineAddresses(): IpAddress[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => parseIpAddress(i.address))
    .filter((a): a is IpAddress => a !== null);
}

function displayHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
