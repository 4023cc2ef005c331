import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module.js';
import { SearchModule } from '../search/search.module.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerService } from './ledger.service.js';
import { ReplicaEntryRepository } from './replica-entry.repository.js';
import { ReplicaEventsController } from './replica-events.controller.js';
import { ReplicaProjectionService } from './replica-projection.service.js';

/** 一本账 — the entries replicated from the nodes below, searchable with the node's own, and statistics. */
@Module({
  imports: [ClocksModule, SearchModule],
  controllers: [ReplicaEventsController, LedgerController],
  providers: [ReplicaEntryRepository, ReplicaProjectionService, LedgerService],
})
export class LedgerModule {}
