import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRICS = Symbol('METRICS');

/** The Prometheus registry of one service, every series labelled with node and service. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly ready: Gauge;
  readonly outboxBacklog: Gauge;
  readonly eventsConsumed: Counter<'type' | 'outcome'>;

  constructor(labels: { node: string; service: string }) {
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, prefix: 'govdata_' });
    this.httpDuration = new Histogram({
      name: 'govdata_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.ready = new Gauge({ name: 'govdata_ready', help: '1 when the service is ready', registers: [this.registry] });
    this.outboxBacklog = new Gauge({
      name: 'govdata_outbox_backlog',
      help: 'outbox events not yet published',
      registers: [this.registry],
    });
    this.eventsConsumed = new Counter({
      name: 'govdata_events_consumed_total',
      help: 'events consumed by outcome (applied, duplicate, dead-lettered)',
      labelNames: ['type', 'outcome'],
      registers: [this.registry],
    });
  }
}
