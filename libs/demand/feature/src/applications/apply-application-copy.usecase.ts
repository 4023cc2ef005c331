import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { EntryRefRepository } from '../ledger/entry-ref.repository.js';
import { applicationFromEvent } from './application-event.js';
import { ApplicationRepository } from './application.repository.js';
import { turnNode } from './application-workflow.js';

/** A copy this node must not apply; the reason goes to the dead letters. */
export class ApplicationCopyRejected extends Error {}

/**
 * 跨节点副本 — the shared application record across nodes: a `demand.application.v1` made at another node
 * (brought here by the federation) replaces this node's copy when its version is higher. Only the
 * node that held the turn may have made the change, and a grant for this node's data must be one
 * this node's catalog shares without conditions (any other grant is made here, by the provider).
 */
@Injectable()
export class ApplyApplicationCopyUseCase {
  private readonly log = new Logger(ApplyApplicationCopyUseCase.name);

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly entries: EntryRefRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Applies the event when it is another node's newer version; true when it changed this node's copy. */
  async execute(manager: EntityManager, event: DemandApplicationEventV1, origin: string): Promise<boolean> {
    const thisNode = this.config.node.code;
    const a = event.application;
    if (origin === thisNode) return false; // this node's own change, already applied
    if (a.nodeCode !== thisNode && a.target.providerNode !== thisNode) {
      this.log.debug(`application ${a.id} concerns nodes ${a.nodeCode} and ${a.target.providerNode}, not this one`);
      return false;
    }
    if (origin !== a.nodeCode && origin !== a.target.providerNode) {
      throw new ApplicationCopyRejected(
        `application ${a.id} v${a.version}: changed at node ${origin}, which is neither the applicant's nor the provider's`,
      );
    }
    const stored = await this.applications.lock(manager, a.id);
    if (stored && stored.version >= a.version) {
      this.log.debug(`application ${a.id} v${a.version}: not newer than v${stored.version}, unchanged`);
      return false;
    }
    if (stored) {
      const turn = turnNode(stored, await this.applications.steps(manager, a.id));
      if (turn !== origin) {
        throw new ApplicationCopyRejected(
          `application ${a.id} v${a.version}: node ${origin} changed it while ${turn ? `node ${turn}` : 'no node'} held the turn (${stored.state} v${stored.version})`,
        );
      }
    } else if (origin !== a.nodeCode) {
      throw new ApplicationCopyRejected(
        `application ${a.id} v${a.version}: first known here from node ${origin}, not from the node it was filed at (${a.nodeCode})`,
      );
    }
    if (a.grant && a.target.providerNode === thisNode && origin !== thisNode) {
      const entry = a.target.entryId ? await this.entries.find(manager, a.target.entryId) : null;
      if (!entry || entry.retired || entry.sharingType !== 'unconditional' || entry.nodeCode !== thisNode) {
        throw new ApplicationCopyRejected(
          `application ${a.id} v${a.version}: node ${origin} granted entry ${a.target.entryId ?? '(none)'} of this node, which is not shared without conditions here`,
        );
      }
    }
    const { app, timeline } = applicationFromEvent(event, origin, new Date().toISOString());
    if (!(await this.applications.upsertIfNewer(manager, app))) return false;
    await this.applications.replaceSteps(manager, app.id, timeline);
    return true;
  }
}
