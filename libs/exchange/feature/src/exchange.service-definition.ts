import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';

/**
 * 數據共享交換系統 — sharing and exchange: API proxy, table and file exchange, 回流.
 * The domain arrives with its own issue; until then the service runs on the platform alone
 * (its schema with outbox and inbox, health, metrics, status over gRPC).
 */
@Module({})
export class ExchangeModule {}

export const exchangeService: ServiceDefinition = {
  name: 'exchange',
  imports: [ExchangeModule],
  persistence: {},
};
