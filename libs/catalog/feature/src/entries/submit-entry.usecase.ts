import { Injectable } from '@nestjs/common';
import { EntryTransitionUseCase } from './entry-transition.usecase.js';

/** 提交审核 — the editor sends a draft or returned version for review; its content must still pass the rules that need the database. */
@Injectable()
export class SubmitEntryUseCase extends EntryTransitionUseCase {
  protected readonly verb = 'submit';
}
