import { Injectable } from '@nestjs/common';
import { EntryTransitionUseCase } from './entry-transition.usecase.js';

/** 审核通过 — a reviewer of the node approves a submitted version. */
@Injectable()
export class ApproveEntryUseCase extends EntryTransitionUseCase {
  protected readonly verb = 'approve';
}
