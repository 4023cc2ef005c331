import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module.js';
import { EntrySystemHook } from './entry-system.hook.js';
import { InformationSystemRepository } from './information-system.repository.js';
import { InformationSystemService } from './information-system.service.js';
import { SystemsController } from './systems.controller.js';

/** 数据—系统 — the providers' information systems, and the entry's reference to one of them. */
@Module({
  imports: [ClocksModule],
  controllers: [SystemsController],
  providers: [InformationSystemRepository, InformationSystemService, EntrySystemHook],
  exports: [InformationSystemService, EntrySystemHook],
})
export class SystemsModule {}
