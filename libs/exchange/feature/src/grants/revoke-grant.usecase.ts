import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { CallPlans } from '../calls/call-plans.js';
import { assertDataAdminOf } from '../exchange-access.js';
import type { Grant } from './grant.js';
import { GrantEvents, type GrantActor } from './grant-events.js';
import { GrantConflict } from './grant.exception.js';
import { GrantRepository } from './grant.repository.js';

/** A revocation, as one of the two places that decide one asks for it. */
export type RevokeGrant =
  /** The provider's data-admin, through `POST /api/v1/exchange/grants/:id/revoke`. */
  | { by: 'provider-admin'; principal: Principal; grantId: string; reason: string }
  /**
   * The demand workflow's 撤销授权 (`demand.application.v1` in state revoked), applied in the
   * event's transaction; `origin` is the node the event came from.
   */
  | {
      by: 'demand-workflow';
      manager: EntityManager;
      grantId: string;
      reason: string;
      actor: GrantActor;
      origin: string;
      providerNode: string;
    };

/**
 * 撤销授权 — a grant ends as revoked with its reason (what a refused call is told); every replica's
 * plan of it is refused from the next call on; at the provider's node `exchange.grant.v1` says so.
 *
 * The provider's data-admin revokes an active grant this node enforces (404 for another's, 409 when
 * it already ended). The demand workflow's revocation counts only when it comes from the provider's
 * node, and ends the routing copy at the consumer's node too; one that finds the grant ended changes
 * nothing. Both end the grant, tell the call plans and publish the same way.
 */
@Injectable()
export class RevokeGrantUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly grants: GrantRepository,
    private readonly plans: CallPlans,
    private readonly events: GrantEvents,
  ) {}

  /** The revoked grant; null when a demand-workflow revocation changed nothing. */
  async execute(command: RevokeGrant): Promise<Grant | null> {
    if (command.by === 'demand-workflow') {
      if (command.origin !== command.providerNode) {
        this.logger.warn(
          { application: command.grantId, origin: command.origin },
          'revocation from a node other than the provider ignored',
        );
        return null;
      }
      return this.revoke(command.manager, command.grantId, command.reason, command.actor);
    }
    const { principal, grantId, reason } = command;
    return this.dataSource.transaction(async (manager) => {
      const grant = await this.grants.find(manager, grantId);
      if (!grant || grant.providerNode !== this.config.node.code) throw GovdataError.notFound('grant', grantId);
      assertDataAdminOf(
        principal,
        this.config.node.code,
        grant.providerOrganisationId ?? '',
        'revoke its grants',
        'exchange.grant.revoke',
      );
      if (grant.status !== 'active') {
        throw GovdataError.conflict(
          `授权 ${grantId} 已处于 ${grant.status} 状态 (grant ${grantId} is already ${grant.status})`,
          [
            {
              path: 'id',
              rule: GrantConflict.GrantActive,
              message: `授权状态为 ${grant.status} (the grant is ${grant.status})`,
            },
          ],
        );
      }
      const actor = { subject: principal.subject, organisationId: principal.organisationId };
      return (await this.revoke(manager, grantId, reason, actor))!;
    });
  }

  private async revoke(
    manager: EntityManager,
    grantId: string,
    reason: string,
    actor: GrantActor,
  ): Promise<Grant | null> {
    const ended = await this.grants.end(manager, grantId, 'revoked', reason, actor?.subject ?? null);
    if (!ended) return null;
    // Before the commit is safe: a plan read meanwhile has the old version, which stays stale.
    await this.plans.grantChanged(ended);
    if (ended.providerNode === this.config.node.code) {
      await this.events.publish(manager, 'revoked', ended, actor, reason);
    }
    return ended;
  }
}
