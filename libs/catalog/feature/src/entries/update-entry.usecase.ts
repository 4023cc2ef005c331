import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { parseInput } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EntryContentChecks, providerWarnings } from './entry-content-checks.js';
import { entryContentSchema } from './entry-content.js';
import { EntryTransitionRunner, type WriteResult } from './entry-transition.runner.js';

export const updateEntrySchema = z.object({ content: z.unknown() }).strict();

/** 修改 — the editor replaces the content of the head version while it is a draft or returned. */
@Injectable()
export class UpdateEntryUseCase {
  constructor(
    private readonly runner: EntryTransitionRunner,
    private readonly checks: EntryContentChecks,
  ) {}

  /** Runs in the caller's transaction. */
  async execute(manager: EntityManager, principal: Principal, idOrCode: string, body: unknown): Promise<WriteResult> {
    const input = parseInput(updateEntrySchema, body);
    const content = parseInput(entryContentSchema, input.content, 'content');
    const entry = await this.runner.take(manager, principal, idOrCode, 'update', { content });
    const provider = await this.checks.provider(manager, entry.provider.organisationId);
    return { entry, warnings: providerWarnings(provider) };
  }
}
