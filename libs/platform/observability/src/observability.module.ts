import {
  Module,
  type DynamicModule,
  type NestMiddleware,
  type MiddlewareConsumer,
  type NestModule,
  Injectable,
  Inject,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HealthController } from './health.controller.js';
import { METRICS, type ServiceMetrics } from './metrics.js';
import { MetricsController } from './metrics.controller.js';
import { MONITORING_ACCESS, MonitoringAccess } from './monitoring-access.js';
import { READINESS, type Readiness } from './readiness.js';

@Injectable()
class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(METRICS) private readonly metrics: ServiceMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      // The matched route pattern keeps label cardinality bounded (not the raw URL).
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ route, status: String(res.statusCode) });
    });
    next();
  }
}

/** Health, readiness and Prometheus endpoints for one service. */
@Module({})
export class ObservabilityModule implements NestModule {
  /** `metricsToken`: the node's monitoring token (`http.metricsToken`); empty turns `/metrics` off. */
  static register(readiness: Readiness, metrics: ServiceMetrics, metricsToken = ''): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: READINESS, useValue: readiness },
        { provide: METRICS, useValue: metrics },
        { provide: MONITORING_ACCESS, useValue: new MonitoringAccess(metricsToken) },
        HttpMetricsMiddleware,
      ],
      exports: [READINESS, METRICS],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
