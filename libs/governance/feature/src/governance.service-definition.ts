import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';

/**
 * 数据治理系统 — governance: data elements, quality, lineage, objections (异议处理).
 * The domain arrives with its own issue; until then the service runs on the platform alone
 * (its schema with outbox and inbox, health, metrics, status over gRPC).
 */
@Module({})
export class GovernanceModule {}

export const governanceService: ServiceDefinition = {
  name: 'governance',
  imports: [GovernanceModule],
  persistence: {},
};
