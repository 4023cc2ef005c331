import { SERVICE_NAMES, type NodeConfig } from './node-config.schema.js';

/**
 * Every host:port the node itself serves or depends on — its PostgreSQL (service and admin
 * addresses), Redis, Kafka brokers, each service's HTTP and gRPC ports and the federation link
 * port. Data sources and exchange upstreams may not point at them (see `outbound`).
 */
export function infrastructureEndpoints(config: NodeConfig): Array<{ host: string; port: number }> {
  const endpoints = [{ host: config.postgres.host, port: config.postgres.port }];
  const admin = new URL(config.postgres.adminUrl);
  endpoints.push({ host: admin.hostname, port: Number(admin.port || 5432) });
  const redis = new URL(config.redis.url);
  endpoints.push({ host: redis.hostname, port: Number(redis.port || 6379) });
  for (const broker of config.kafka.brokers) {
    const colon = broker.lastIndexOf(':');
    endpoints.push({ host: broker.slice(0, colon), port: Number(broker.slice(colon + 1)) });
  }
  for (const service of SERVICE_NAMES) {
    const ports = config.services[service];
    const host = ports.host ?? config.serviceHost;
    endpoints.push({ host, port: ports.http }, { host, port: ports.grpc });
  }
  const link = config.services.federation.link;
  if (link !== undefined) endpoints.push({ host: config.services.federation.host ?? config.serviceHost, port: link });
  const unique = new Map(endpoints.map((e) => [`${e.host.replace(/^\[(.*)\]$/, '$1')}:${e.port}`, e]));
  return [...unique.values()].map((e) => ({ host: e.host.replace(/^\[(.*)\]$/, '$1'), port: e.port }));
}
