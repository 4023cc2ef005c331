import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@govdata/platform-auth';
import { READINESS, type Readiness } from './readiness.js';

/** Liveness and readiness for orchestrators (Kubernetes probes, the demo supervisor). */
@Controller()
export class HealthController {
  constructor(@Inject(READINESS) private readonly readiness: Readiness) {}

  /** The process is alive and its event loop turns. */
  @Get('healthz')
  @Public()
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready only when the schema is migrated and PostgreSQL, Redis and Kafka answer. */
  @Get('readyz')
  @Public()
  async readyz(@Res() res: Response): Promise<void> {
    const report = await this.readiness.evaluate();
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not-ready', checks: report.checks });
  }
}
