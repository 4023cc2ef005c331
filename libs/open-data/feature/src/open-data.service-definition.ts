import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';

/**
 * 数据开放系统 — open data for the public: datasets, downloads, APIs.
 * The domain arrives with its own issue; until then the service runs on the platform alone
 * (its schema with outbox and inbox, health, metrics, status over gRPC).
 */
@Module({})
export class OpenDataModule {}

export const openDataService: ServiceDefinition = {
  name: 'open-data',
  imports: [OpenDataModule],
  persistence: {},
};
