import { Controller, Inject } from '@nestjs/common';
import { nodeV1 } from '@govdata/contracts';
import { AllowedCallers } from '@govdata/platform-auth';
import type { NodeConfig, ServiceName } from '@govdata/platform-config';
import { READINESS, type Readiness } from '@govdata/platform-observability';
import { NODE_CONFIG, SERVICE_NAME } from './platform.tokens.js';

export const SOFTWARE_VERSION = process.env['GOVDATA_VERSION'] ?? '0.1.0';
const STARTED_AT = Date.now();

/**
 * govdata.node.v1.ServiceStatusService — every service says who and how it is, to the node's
 * services and signed-in users (grpc.health.v1 stays open: it says SERVING and nothing more).
 */
@Controller()
@AllowedCallers({ services: 'any', users: 'any' })
@nodeV1.ServiceStatusServiceControllerMethods()
export class ServiceStatusController implements nodeV1.ServiceStatusServiceController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
    @Inject(READINESS) private readonly readiness: Readiness,
  ) {}

  async describe(): Promise<nodeV1.DescribeResponse> {
    const report = await this.readiness.evaluate();
    return {
      nodeCode: this.config.node.code,
      nodeName: this.config.node.name,
      nodeLevel: this.config.node.level,
      service: this.service,
      version: SOFTWARE_VERSION,
      startedAtMs: STARTED_AT,
      ready: report.ready,
      checks: report.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail ?? '' })),
    };
  }
}
