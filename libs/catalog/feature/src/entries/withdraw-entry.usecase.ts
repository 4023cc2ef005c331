import { Injectable } from '@nestjs/common';
import { EntryTransitionUseCase } from './entry-transition.usecase.js';

/** 撤回 — the editor takes a submitted version back to draft. */
@Injectable()
export class WithdrawEntryUseCase extends EntryTransitionUseCase {
  protected readonly verb = 'withdraw';
}
