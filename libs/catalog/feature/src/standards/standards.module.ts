import { forwardRef, Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module.js';
import { ClocksModule } from '../clocks/clocks.module.js';
import { DataElementRepository } from './data-element.repository.js';
import { DataElementService } from './data-element.service.js';
import { DataElementsController } from './data-elements.controller.js';
import { AddDataElementUseCase } from './add-data-element.usecase.js';
import { ApplyInheritedStandardUseCase } from './apply-inherited-standard.usecase.js';
import { ChangeDataElementUseCase } from './change-data-element.usecase.js';
import { DataElementWrites } from './data-element-writes.js';
import { RemoveDataElementUseCase } from './remove-data-element.usecase.js';
import { StandardEventsController } from './standard-events.controller.js';
import { StandardIssuer } from './standard-issuer.service.js';
import { StandardsController } from './standards.controller.js';
import { StandardsRepository } from './standards.repository.js';

/**
 * 标准 — what a node issues to the nodes below it (classification, grade policy, data elements,
 * calendars, deadlines, review campaigns) and what it takes over from the node above. Issuing is
 * used by the features that own those standards; taking over writes into them, hence the cycle
 * with classification and clocks.
 */
@Module({
  imports: [forwardRef(() => ClassificationModule), forwardRef(() => ClocksModule)],
  controllers: [StandardsController, DataElementsController, StandardEventsController],
  providers: [
    StandardsRepository,
    StandardIssuer,
    DataElementRepository,
    DataElementService,
    DataElementWrites,
    AddDataElementUseCase,
    ChangeDataElementUseCase,
    RemoveDataElementUseCase,
    ApplyInheritedStandardUseCase,
  ],
  exports: [StandardIssuer],
})
export class StandardsModule {}
