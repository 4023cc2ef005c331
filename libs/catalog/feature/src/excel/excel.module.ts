import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module.js';
import { ExcelExportService } from './excel-export.service.js';
import { ExcelImportService } from './excel-import.service.js';
import { ExcelController } from './excel.controller.js';
import { ExcelRepository } from './excel.repository.js';

/** Excel 导入导出 — the catalog template, imports through the entry lifecycle, and exports. */
@Module({
  imports: [EntriesModule],
  controllers: [ExcelController],
  providers: [ExcelRepository, ExcelImportService, ExcelExportService],
})
export class ExcelModule {}
