import { formatIpAddress, parseIpAddress, parseIpNetwork, networkContains } from './ip-address.js';
import { OutboundPolicy, OutboundRefusedError } from './outbound-policy.js';
import { OutboundRules, parseAllowEntry } from './outbound-rules.js';

const ip = (text: string) => {
  const address = parseIpAddress(text);
  if (!address) throw new Error(`not an address: ${text}`);
  return address;
};
const shown = (text: string) => {
  const address = parseIpAddress(text);
  return address ? formatIpAddress(address) : null;
};

describe('IP address forms', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7F000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['169.254.43518', '169.254.169.254'],
    ['[::1]', '::1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['FD00:EC2::254', 'fd00:ec2::254'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ])('reads %s as %s', (text, expected) => {
    expect(shown(text)).toBe(expected);
  });

  it.each(['db.example.gov.cn', '256.1.1.1', '1.2.3.4.5', '08.1.1.1', '0x', '1.2.3.0x100', ':::1', '1::2::3', 'g::1'])(
    'does not read %s as an address',
    (text) => {
      // 0x alone is 0 for inet_aton; as a whole host it is "0.0.0.0" — read, not a name.
      if (text === '0x') expect(shown(text)).toBe('0.0.0.0');
      else expect(shown(text)).toBeNull();
    },
  );

  it('matches CIDR networks bit by bit', () => {
    const net = parseIpNetwork('10.20.0.0/16')!;
    expect(networkContains(net, ip('10.20.255.1'))).toBe(true);
    expect(networkContains(net, ip('10.21.0.1'))).toBe(false);
    expect(networkContains(parseIpNetwork('fe80::/10')!, ip('febf::1'))).toBe(true);
    expect(networkContains(parseIpNetwork('fe80::/10')!, ip('fec0::1'))).toBe(false);
    expect(networkContains(parseIpNetwork('0.0.0.0/0')!, ip('::1'))).toBe(false);
    expect(parseIpNetwork('10.0.0.0/33')).toBeNull();
  });
});

describe('outbound.allow entries', () => {
  it.each([
    ['10.20.0.0/16', { kind: 'network', port: null }],
    ['127.0.0.1:8090', { kind: 'network', port: 8090 }],
    ['[::1]:8090', { kind: 'network', port: 8090 }],
    ['::1', { kind: 'network', port: null }],
    ['db.example.gov.cn:5432', { kind: 'host', host: 'db.example.gov.cn', port: 5432 }],
    ['DB.Example.gov.cn.', { kind: 'host', host: 'db.example.gov.cn', port: null }],
  ])('reads %s', (text, expected) => {
    expect(parseAllowEntry(text)).toMatchObject(expected);
  });

  it.each(['10.0.0.0/40', 'db.example.gov.cn:0', 'db.example.gov.cn:70000', 'http://x', 'a b', '10.0.0.0/8:5432'])(
    'refuses %s',
    (text) => {
      expect(parseAllowEntry(text)).toHaveProperty('problem');
    },
  );
});

describe('outbound rules', () => {
  const everywhere = ['0.0.0.0/0', '::/0'];
  const postgres = { host: 'postgres', port: 5432, addresses: [ip('127.0.0.1')] };
  const redisRemote = { host: '10.9.0.5', port: 6379, addresses: [ip('10.9.0.5')] };
  const rules = (allow: string[], local: string[] = ['192.168.7.2']) =>
    new OutboundRules(allow, [postgres, redisRemote], local.map(ip));
  const ruleOf = (r: OutboundRules, host: string, port: number) => {
    const verdict = r.verdict(host, port, ip(host));
    return verdict.allowed ? 'allowed' : verdict.rule;
  };

  it('by default refuses loopback, link-local, metadata, unspecified and multicast in every spelling', () => {
    const r = rules(everywhere);
    expect(ruleOf(r, '127.0.0.1', 80)).toBe('loopback');
    expect(ruleOf(r, '2130706433', 80)).toBe('loopback');
    expect(ruleOf(r, '0x7f.1', 80)).toBe('loopback');
    expect(ruleOf(r, '127.0.0.1.', 80)).toBe('loopback');
    expect(ruleOf(r, '::ffff:127.0.0.1', 80)).toBe('loopback');
    expect(ruleOf(r, '::ffff:7f00:2', 80)).toBe('loopback');
    expect(ruleOf(r, '::1', 80)).toBe('loopback');
    expect(ruleOf(r, '169.254.169.254', 80)).toBe('cloud-metadata');
    expect(ruleOf(r, '::ffff:169.254.169.254', 80)).toBe('cloud-metadata');
    expect(ruleOf(r, 'fd00:ec2::254', 80)).toBe('cloud-metadata');
    expect(ruleOf(r, '100.100.100.200', 80)).toBe('cloud-metadata');
    expect(ruleOf(r, '169.254.1.1', 80)).toBe('link-local');
    expect(ruleOf(r, 'fe80::1', 80)).toBe('link-local');
    expect(ruleOf(r, '0.0.0.0', 80)).toBe('unspecified');
    expect(ruleOf(r, '::', 80)).toBe('unspecified');
    expect(ruleOf(r, '224.0.0.1', 80)).toBe('multicast');
    expect(ruleOf(r, '255.255.255.255', 80)).toBe('reserved');
    expect(ruleOf(r, '10.1.2.3', 80)).toBe('allowed');
    expect(ruleOf(r, '2001:db8::1', 443)).toBe('allowed');
  });

  it('reaches a special address only through an entry naming it, not through a wider network', () => {
    const r = rules(['127.0.0.1:8090', '169.254.0.0/16']);
    expect(ruleOf(r, '127.0.0.1', 8090)).toBe('allowed');
    expect(ruleOf(r, '::ffff:127.0.0.1', 8090)).toBe('allowed');
    expect(ruleOf(r, '127.0.0.1', 8091)).toBe('loopback');
    expect(ruleOf(r, '169.254.1.1', 80)).toBe('allowed');
    // The metadata address sits inside link-local but needs its own entry.
    expect(ruleOf(r, '169.254.169.254', 80)).toBe('cloud-metadata');
    expect(ruleOf(r, '10.1.2.3', 80)).toBe('not-listed');
  });

  it("refuses the node's own endpoints whatever network covers them, unless listed as exactly host:port", () => {
    const broad = rules(['127.0.0.0/8', '10.0.0.0/8']);
    expect(ruleOf(broad, '127.0.0.1', 5432)).toBe('infrastructure');
    // A service on loopback listens on every local address: another loopback address or the
    // machine's own address reaches it too.
    expect(ruleOf(broad, '127.0.0.2', 5432)).toBe('infrastructure');
    expect(ruleOf(broad, '0x7f.1', 5432)).toBe('infrastructure');
    expect(ruleOf(rules([...everywhere]), '192.168.7.2', 5432)).toBe('infrastructure');
    expect(ruleOf(broad, '10.9.0.5', 6379)).toBe('infrastructure');
    expect(ruleOf(broad, '10.9.0.5', 6380)).toBe('allowed');
    expect(ruleOf(broad, '127.0.0.1', 5433)).toBe('allowed');
    expect(ruleOf(rules(['127.0.0.1:5432']), '127.0.0.1', 5432)).toBe('allowed');
    expect(ruleOf(rules(['127.0.0.1/32']), '127.0.0.1', 5432)).toBe('infrastructure');
  });

  it('lets a host name entry reach ordinary addresses only', () => {
    const r = rules(['db.example.gov.cn:5432']);
    expect(r.verdict('db.example.gov.cn.', 5432, ip('10.1.2.3'))).toEqual({ allowed: true });
    expect(r.verdict('DB.example.gov.cn', 5433, ip('10.1.2.3'))).toMatchObject({ rule: 'not-listed' });
    expect(r.verdict('db.example.gov.cn', 5432, ip('127.0.0.1'))).toMatchObject({ rule: 'infrastructure' });
    expect(r.verdict('db.example.gov.cn', 5432, ip('169.254.169.254'))).toMatchObject({ rule: 'cloud-metadata' });
    // The node config's own name for its database, listed exactly, reaches it (the demo's sample sources).
    expect(rules(['postgres:5432']).verdict('postgres', 5432, ip('127.0.0.1'))).toEqual({ allowed: true });
  });
});

describe('outbound policy with name resolution', () => {
  it('checks every address a name resolves to and answers the checked addresses', async () => {
    const answers: Record<string, string[]> = {
      'public.example': ['10.1.2.3', '10.1.2.4'],
      'rebound.example': ['10.1.2.3', '127.0.0.1'],
    };
    const policy = new OutboundPolicy({
      allow: ['0.0.0.0/0', '::/0'],
      infrastructure: [{ host: 'localhost', port: 5432 }],
      resolve: async (host) => (answers[host] ?? ['127.0.0.1']).map(ip),
    });
    await expect(policy.resolve('public.example', 443)).resolves.toEqual(['10.1.2.3', '10.1.2.4']);
    await expect(policy.resolve('rebound.example', 443)).rejects.toMatchObject({
      code: 'GOVDATA_OUTBOUND_REFUSED',
      rule: 'loopback',
    });
    await expect(policy.resolve('0x7f.1', 5432)).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(policy.admit('public.example', 443)).resolves.toBeUndefined();
  });

  it('refuses a bad entry when it is made', () => {
    expect(() => new OutboundPolicy({ allow: ['10.0.0.0/99'], infrastructure: [] })).toThrow(/10.0.0.0\/99/);
  });
});
