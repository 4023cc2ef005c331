import { Module } from '@nestjs/common';
import { CatalogSearchService } from './catalog-search.service.js';
import { EntrySearchHook } from './entry-search.hook.js';
import { EntrySearchIndexer } from './entry-search.indexer.js';
import { EntrySearchRepository } from './entry-search.repository.js';
import { SearchController } from './search.controller.js';

/** 目录检索 — full-text search over the catalog, its index kept in step by {@link EntrySearchHook}. */
@Module({
  controllers: [SearchController],
  providers: [EntrySearchIndexer, EntrySearchRepository, CatalogSearchService, EntrySearchHook],
  exports: [CatalogSearchService, EntrySearchIndexer, EntrySearchHook],
})
export class SearchModule {}
