import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EntryChangeRecorder } from './entry-change-recorder.js';
import { EntryContentChecks, providerWarnings } from './entry-content-checks.js';
import { entryContentSchema } from './entry-content.js';
import { assertMayCreate } from './entry-lifecycle.js';
import type { WriteResult } from './entry-transition.runner.js';
import { EntryRepository } from './entry.repository.js';

export const createEntrySchema = z
  .object({
    /** The providing organisation; defaults to the caller's. */
    organisationId: z.uuid().optional(),
    content: z.unknown(),
  })
  .strict();

/**
 * 新增目录 — an editor of the providing organisation registers an entry: a draft with its
 * 信息资源代码, checked against the rules that need the database, recorded as `create`.
 */
@Injectable()
export class CreateEntryUseCase {
  constructor(
    private readonly entries: EntryRepository,
    private readonly checks: EntryContentChecks,
    private readonly recorder: EntryChangeRecorder,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Runs in the caller's transaction. */
  async execute(manager: EntityManager, principal: Principal, body: unknown): Promise<WriteResult> {
    const nodeCode = this.config.node.code;
    const input = parseInput(createEntrySchema, body);
    const content = parseInput(entryContentSchema, input.content, 'content');
    const organisationId = input.organisationId ?? principal.organisationId;
    assertMayCreate(principal, { nodeCode, organisationId });
    const provider = await this.checks.provider(manager, organisationId);
    await this.checks.checkReferences(manager, content, true);

    const id = randomUUID();
    const code = await this.entries.assignCode(manager, nodeCode, content.classificationCode, id);
    await this.entries.insertEntry(manager, {
      id,
      code,
      nodeCode,
      organisationId,
      createdBy: principal.subject,
      content,
    });
    const entry = (await this.entries.find(manager, nodeCode, id))!;
    const view = await this.recorder.record(manager, principal, entry, {
      action: 'create',
      version: 1,
      from: null,
      to: 'draft',
    });
    return { entry: view, warnings: providerWarnings(provider) };
  }
}
