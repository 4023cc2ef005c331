import { Controller, Get, Headers, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@govdata/platform-auth';
import { MONITORING_ACCESS, type MonitoringAccess } from './monitoring-access.js';
import { READINESS, type Readiness } from './readiness.js';

/** Liveness and readiness for orchestrators (Kubernetes probes, the demo supervisor). */
@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS) private readonly readiness: Readiness,
    @Inject(MONITORING_ACCESS) private readonly access: MonitoringAccess,
  ) {}

  /** The process is alive and its event loop turns. */
  @Get('healthz')
  @Public()
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready only when the schema is migrated and PostgreSQL, Redis and Kafka answer. Probes get the
   * status alone; the checks (whose failures name hosts and errors) go to the bearer of the
   * monitoring token — and to the log, when readiness changes.
   */
  @Get('readyz')
  @Public()
  async readyz(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const report = await this.readiness.evaluate();
    const status = report.ready ? 'ready' : 'not-ready';
    res
      .status(report.ready ? 200 : 503)
      .json(this.access.allows(authorization) ? { status, checks: report.checks } : { status });
  }
}
