import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';

/**
 * 數據治理系統 — governance: data elements, quality, lineage, objections (異議處理).
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
