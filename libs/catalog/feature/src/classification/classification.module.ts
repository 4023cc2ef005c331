import { forwardRef, Module } from '@nestjs/common';
import { StandardsModule } from '../standards/standards.module.js';
import { ClassificationController } from './classification.controller.js';
import { ClassificationRepository } from './classification.repository.js';
import { GradePolicyRepository } from './grade-policy.repository.js';
import { AddClassificationUseCase } from './add-classification.usecase.js';
import { ChangeGradePolicyUseCase } from './change-grade-policy.usecase.js';
import { ClassificationWrites } from './classification-writes.js';
import { RenameClassificationUseCase } from './rename-classification.usecase.js';

/** 目录分类 and the grade policy; a national node issues them downward as standards. */
@Module({
  imports: [forwardRef(() => StandardsModule)],
  controllers: [ClassificationController],
  providers: [
    ClassificationRepository,
    GradePolicyRepository,
    ClassificationWrites,
    AddClassificationUseCase,
    RenameClassificationUseCase,
    ChangeGradePolicyUseCase,
  ],
  exports: [ClassificationRepository, GradePolicyRepository],
})
export class ClassificationModule {}
