import { forwardRef, Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module.js';
import { OneSourceHook } from './one-source.hook.js';
import { SourceConflictRepository } from './source-conflict.repository.js';
import { SourceConflictService } from './source-conflict.service.js';
import { DismissSourceConflictUseCase } from './dismiss-source-conflict.usecase.js';
import { ResolveSourceConflictUseCase } from './resolve-source-conflict.usecase.js';
import { SourceConflictsController } from './source-conflicts.controller.js';
import { SourceFingerprintRepository } from './source-fingerprint.repository.js';

/** 一数一源 — flags two providers registering the same data, for the node authority to decide. */
@Module({
  imports: [forwardRef(() => EntriesModule)],
  controllers: [SourceConflictsController],
  providers: [
    SourceFingerprintRepository,
    SourceConflictRepository,
    OneSourceHook,
    SourceConflictService,
    ResolveSourceConflictUseCase,
    DismissSourceConflictUseCase,
  ],
  exports: [OneSourceHook],
})
export class SourcesModule {}
