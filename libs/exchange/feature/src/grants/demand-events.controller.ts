import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { ORIGIN_EXTENSION } from '@govdata/platform-messaging';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import {
  EndGrantWithApplicationUseCase,
  GRANT_ENDING_APPLICATION_STATES,
} from './end-grant-with-application.usecase.js';
import { IssueGrantUseCase } from './issue-grant.usecase.js';
import { RevokeGrantUseCase } from './revoke-grant.usecase.js';

/** Grants come from sharing applications (供需对接) granted by the demand service, and end with them. */
@Controller()
export class DemandEventsController {
  constructor(
    private readonly issueGrant: IssueGrantUseCase,
    private readonly revokeGrant: RevokeGrantUseCase,
    private readonly endGrant: EndGrantWithApplicationUseCase,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('demand.application.v1')
  async onApplication(@Payload() event: DemandApplicationEventV1, @Ctx() context: EventContext): Promise<void> {
    const origin = (context.event[ORIGIN_EXTENSION] as string | undefined) ?? this.config.node.code;
    const { application } = event;
    if (application.state === 'revoked') {
      // 撤销授权 decided in the demand workflow: its legal ground is the grant's reason.
      const step = application.timeline?.findLast((s) => s.step === 'revocation');
      await this.revokeGrant.execute({
        by: 'demand-workflow',
        manager: context.manager,
        grantId: application.id,
        reason: `撤销授权：${step?.groundTitle ?? step?.groundCode ?? '提供方撤销'}${step?.comment ? `（${step.comment}）` : ''}`,
        actor: step?.actor ? { subject: step.actor.subject, organisationId: step.actor.organisationId } : null,
        origin,
        providerNode: application.target.providerNode,
      });
      return;
    }
    if (event.action === 'granted' && application.grant) {
      await this.issueGrant.execute(context.manager, application, application.grant, origin);
      return;
    }
    if (GRANT_ENDING_APPLICATION_STATES.has(application.state)) {
      await this.endGrant.execute(context.manager, application);
    }
  }
}
