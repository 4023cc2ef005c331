import { Injectable } from '@nestjs/common';
import { EntryTransitionUseCase } from './entry-transition.usecase.js';

/** 新建版本 — the editor starts a new draft version from the published one, which stays visible until the new one is published. */
@Injectable()
export class ReviseEntryUseCase extends EntryTransitionUseCase {
  protected readonly verb = 'revise';
}
