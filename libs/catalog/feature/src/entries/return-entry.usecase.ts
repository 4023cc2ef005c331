import { Injectable } from '@nestjs/common';
import { EntryTransitionUseCase } from './entry-transition.usecase.js';

/** 退回修改 — a reviewer of the node returns a submitted version with a reason per field (退回原因). */
@Injectable()
export class ReturnEntryUseCase extends EntryTransitionUseCase {
  protected readonly verb = 'return';
}
