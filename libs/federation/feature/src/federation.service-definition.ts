import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';
import { EnrolmentController } from './enrolment/enrolment.controller.js';
import { EnrolmentRepository } from './enrolment/enrolment.repository.js';
import { EnrolmentService } from './enrolment/enrolment.service.js';
import { CreateEnrolmentRegistry1764000000000 } from './migrations/1764000000000-create-enrolment-registry.js';
import { nodePkiStoreProvider } from './node-pki.provider.js';
import { RegistryController } from './registry/registry.controller.js';
import { RegistryRepository } from './registry/registry.repository.js';
import { RegistryService } from './registry/registry.service.js';

/**
 * 級聯對接 — federation: enrolment and node PKI, the child registry and revocation. Links,
 * replication and anti-entropy arrive next (issue 4).
 */
@Module({
  controllers: [EnrolmentController, RegistryController],
  providers: [nodePkiStoreProvider, EnrolmentRepository, EnrolmentService, RegistryRepository, RegistryService],
})
export class FederationModule {}

export const federationService: ServiceDefinition = {
  name: 'federation',
  imports: [FederationModule],
  persistence: {
    migrations: [CreateEnrolmentRegistry1764000000000],
  },
};
