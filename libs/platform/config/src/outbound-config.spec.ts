import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ConfigError } from './config-error.js';
import { infrastructureEndpoints } from './infrastructure-endpoints.js';
import { parseNodeConfig } from './load-node-config.js';

const demo = parse(
  readFileSync(fileURLToPath(new URL('../../../../deploy/demo/node-360100.yaml', import.meta.url)), 'utf8'),
) as Record<string, any>;

describe('outbound in node.yaml', () => {
  it('defaults to every ordinary address, and the demo adds exactly its sample provider and source server', () => {
    const { outbound: _, ...withoutOutbound } = demo;
    expect(parseNodeConfig(withoutOutbound, 'node.yaml', { env: {} }).outbound.allow).toEqual(['0.0.0.0/0', '::/0']);
    expect(parseNodeConfig(demo, 'node.yaml', { env: {} }).outbound.allow).toEqual(
      expect.arrayContaining(['127.0.0.1:8090', '127.0.0.1:5432']),
    );
  });

  it('refuses an entry that is not a network, address or host, naming it', () => {
    const doc = { ...structuredClone(demo), outbound: { allow: ['10.0.0.0/8', '10.0.0.0/33', 'http://x'] } };
    try {
      parseNodeConfig(doc, 'node.yaml', { env: {} });
      throw new Error('expected the configuration to be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.key)).toEqual(['outbound.allow.1', 'outbound.allow.2']);
    }
  });

  it("lists the node's own endpoints: database, Redis, Kafka, every service port and the link port", () => {
    const endpoints = infrastructureEndpoints(parseNodeConfig(demo, 'node.yaml', { env: {} }));
    expect(endpoints).toEqual(
      expect.arrayContaining([
        { host: '127.0.0.1', port: 5432 },
        { host: '127.0.0.1', port: 6379 },
        { host: '127.0.0.1', port: 9092 },
        { host: '127.0.0.1', port: 8082 },
        { host: '127.0.0.1', port: 19041 },
        { host: '127.0.0.1', port: 19048 },
      ]),
    );
  });
});
