import { Injectable } from '@nestjs/common';
import { EntryTransitionUseCase } from './entry-transition.usecase.js';

/** 发布 — a reviewer or data administrator of the node publishes an approved version; the one published before is superseded. */
@Injectable()
export class PublishEntryUseCase extends EntryTransitionUseCase {
  protected readonly verb = 'publish';
}
