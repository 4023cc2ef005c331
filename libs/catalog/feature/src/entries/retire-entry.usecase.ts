import { Injectable } from '@nestjs/common';
import { EntryTransitionUseCase } from './entry-transition.usecase.js';

/** 下线 — the editor or a data administrator of the node retires a published entry, with a reason; its code is released, never reused. */
@Injectable()
export class RetireEntryUseCase extends EntryTransitionUseCase {
  protected readonly verb = 'retire';
}
