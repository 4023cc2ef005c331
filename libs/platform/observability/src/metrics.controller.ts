import { Controller, Get, Headers, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { METRICS, type ServiceMetrics } from './metrics.js';
import { MONITORING_ACCESS, type MonitoringAccess } from './monitoring-access.js';

@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    @Inject(MONITORING_ACCESS) private readonly access: MonitoringAccess,
  ) {}

  /**
   * Prometheus text exposition, for the bearer of the node's monitoring token only (the end-user
   * token check does not apply: Prometheus has no user). Without a configured token: 404, as for
   * any unknown path.
   */
  @Get('metrics')
  @Public()
  async scrape(
    @Req() req: Request,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.access.enabled) throw new NotFoundException(`Cannot GET ${req.originalUrl}`);
    if (!this.access.allows(authorization)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw GovdataError.unauthenticated(
        '须提供监控令牌（http.metricsToken） (the monitoring token (http.metricsToken) is required)',
      );
    }
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
