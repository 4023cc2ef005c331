import { Module } from '@nestjs/common';
import { OpenDataModule } from '@govdata/open-data-feature';
import { DemoOpenDataReviewer } from './demo-open-data.reviewer.js';

/** DEMO ONLY — added to the open-data service by the demo launcher (see `withDemoSeed`). */
@Module({
  imports: [OpenDataModule],
  providers: [DemoOpenDataReviewer],
})
export class DemoOpenDataModule {}
