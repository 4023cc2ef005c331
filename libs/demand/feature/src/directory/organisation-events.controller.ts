import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { OrganisationEventV1 } from '@govdata/contracts';
import { EventContext, OnEvent } from '@govdata/platform-service';
import { OrganisationRefRepository } from './organisation-ref.repository.js';

/** Keeps the names of applicant and provider organisations in step with the node's identity directory. */
@Controller()
export class OrganisationEventsController {
  constructor(private readonly organisations: OrganisationRefRepository) {}

  @OnEvent('identity.organisation.v1')
  async onOrganisation(@Payload() event: OrganisationEventV1, @Ctx() context: EventContext): Promise<void> {
    await this.organisations.apply(context.manager, event);
  }
}
