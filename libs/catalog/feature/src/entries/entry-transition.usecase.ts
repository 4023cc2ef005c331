import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { parseInput } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { LifecycleVerb } from './entry-lifecycle.js';
import { EntryTransitionRunner, type WriteResult } from './entry-transition.runner.js';

export const transitionSchema = z
  .object({
    reason: z.string().trim().max(2000).optional(),
    /** 退回原因 per field — required to return an entry. */
    fieldReasons: z
      .array(
        z.object({ field: z.string().trim().min(1).max(200), reason: z.string().trim().min(1).max(2000) }).strict(),
      )
      .max(200)
      .optional(),
  })
  .strict();

/** Verbs taken with a reason body (creation and editing have their own use cases). */
export type TransitionVerb = Exclude<LifecycleVerb, 'update'>;

/**
 * A lifecycle verb taken with an optional reason (and, to return, field reasons): the body is
 * parsed, then the verb's row of the lifecycle table is taken. One subclass per verb.
 */
@Injectable()
export abstract class EntryTransitionUseCase {
  protected abstract readonly verb: TransitionVerb;

  constructor(private readonly runner: EntryTransitionRunner) {}

  /** Runs in the caller's transaction. */
  async execute(manager: EntityManager, principal: Principal, idOrCode: string, body: unknown): Promise<WriteResult> {
    const input = parseInput(transitionSchema, body ?? {});
    const entry = await this.runner.take(manager, principal, idOrCode, this.verb, input);
    return { entry, warnings: [] };
  }
}
