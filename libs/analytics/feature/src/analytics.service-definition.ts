import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';

/**
 * 数据分析系统 — analytics: sandbox, privacy computing, indicators.
 * The domain arrives with its own issue; until then the service runs on the platform alone
 * (its schema with outbox and inbox, health, metrics, status over gRPC).
 */
@Module({})
export class AnalyticsModule {}

export const analyticsService: ServiceDefinition = {
  name: 'analytics',
  imports: [AnalyticsModule],
  persistence: {},
};
