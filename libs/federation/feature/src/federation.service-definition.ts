import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';

/**
 * 級聯對接 — federation: enrolment, node PKI, replication, anti-entropy.
 * The domain arrives with its own issue; until then the service runs on the platform alone
 * (its schema with outbox and inbox, health, metrics, status over gRPC).
 */
@Module({})
export class FederationModule {}

export const federationService: ServiceDefinition = {
  name: 'federation',
  imports: [FederationModule],
  persistence: {},
};
