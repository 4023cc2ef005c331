import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';

/**
 * 數據供需對接系統 — demand matching: applications, review, decisions, grants.
 * The domain arrives with its own issue; until then the service runs on the platform alone
 * (its schema with outbox and inbox, health, metrics, status over gRPC).
 */
@Module({})
export class DemandModule {}

export const demandService: ServiceDefinition = {
  name: 'demand',
  imports: [DemandModule],
  persistence: {},
};
