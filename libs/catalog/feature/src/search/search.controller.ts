import { applyDecorators, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { OPEN_TYPES, SHARING_TYPES, UPDATE_CYCLES } from '../entries/entry-content.js';
import { ENTRY_STATUSES } from '../entries/entry-lifecycle.js';
import { readerScope } from '../entries/entry-visibility.js';
import { LEDGER_SCOPES, resolveScope } from '../ledger/ledger-scope.js';
import { CatalogSearchService, type SearchPage, type Suggestion } from './catalog-search.service.js';
import { GRADE_VALUES, parseSearchParams, parseSuggestParams, SEARCH_SORTS } from './search-query.js';

const LIST = 'several values: repeat the parameter or separate with commas';

/** The query parameters of `GET /search`, for the OpenAPI document. */
function ApiSearchQuery() {
  const optional = { required: false };
  return applyDecorators(
    ApiQuery({
      name: 'q',
      ...optional,
      description: '检索词 — words in names, tags, item names and abstracts; all must occur',
    }),
    ApiQuery({
      name: 'classification',
      ...optional,
      description: `资源分类 code of any level (类 1, 项 101, 目 101001); ${LIST}`,
    }),
    ApiQuery({ name: 'provider', ...optional, description: `提供方 organisation id; ${LIST}` }),
    ApiQuery({ name: 'sharingType', ...optional, enum: SHARING_TYPES, description: `共享类型; ${LIST}` }),
    ApiQuery({ name: 'openType', ...optional, enum: OPEN_TYPES, description: `开放类型; ${LIST}` }),
    ApiQuery({
      name: 'grade',
      ...optional,
      enum: [...GRADE_VALUES, 'general'],
      description: `数据分级 (general = any level); ${LIST}`,
    }),
    ApiQuery({ name: 'updateCycle', ...optional, enum: UPDATE_CYCLES, description: `更新周期; ${LIST}` }),
    ApiQuery({
      name: 'status',
      ...optional,
      enum: ENTRY_STATUSES,
      description: `default published; visibility applies to every status; ${LIST}`,
    }),
    ApiQuery({ name: 'sort', ...optional, enum: SEARCH_SORTS, description: 'relevance (default with q) or recent' }),
    ApiQuery({ name: 'limit', ...optional, type: Number, description: '1–100, default 20' }),
    ApiQuery({ name: 'cursor', ...optional, description: 'nextCursor of the previous page, unchanged' }),
    ApiQuery({
      name: 'facets',
      ...optional,
      enum: ['true', 'false'],
      description: 'also count entries per facet value and in total (with originNode and originLevel)',
    }),
    ApiQuery({
      name: 'scope',
      ...optional,
      enum: LEDGER_SCOPES,
      description:
        '一本账: node (default, own entries), subtree (own and replicas of the nodes below), all (national node only; 400 elsewhere)',
    }),
    ApiQuery({ name: 'origin', ...optional, description: `origin node code; ${LIST}` }),
  );
}

/**
 * 目录检索 — any signed-in government user searches the catalog to find data to apply for; what
 * they find is what entry-visibility.ts lets them see.
 */
@ApiTags('catalog search 目录检索')
@Controller('api/v1/catalog')
export class SearchController {
  constructor(
    private readonly searchService: CatalogSearchService,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Get('search')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({
    summary: '目录检索 (search the catalog)',
    description:
      'Chinese full-text search with relevance ranking, facets (classification 类/项, provider, sharing and open type, grade, update cycle, status) and cursor paging. Unknown parameters and values answer 400.',
  })
  @ApiSearchQuery()
  search(@Query() params: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<SearchPage> {
    const query = parseSearchParams(params);
    const scope = resolveScope(query.scope, this.config.node.level);
    return this.searchService.search(this.dataSource.manager, readerScope(principal, this.config.node.code), {
      ...query,
      scope,
    });
  }

  @Get('suggest')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({
    summary: '输入提示 (suggestions as the user types)',
    description: 'Entry names and tags starting with q, then names containing it.',
  })
  @ApiQuery({ name: 'q', description: 'what the user has typed so far (1–50 characters)' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1–20, default 10' })
  suggest(
    @Query() params: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ suggestions: Suggestion[] }> {
    const { q, limit } = parseSuggestParams(params);
    return this.searchService.suggest(this.dataSource.manager, readerScope(principal, this.config.node.code), q, limit);
  }

  /** Rebuilds the search index from the entries (after a restore); the node's administrators only. */
  @Post('search/reindex')
  @RequirePermission('catalog.search.reindex')
  @HttpCode(200)
  @ApiOperation({ summary: '重建检索索引 (rebuild the search index)', description: 'node-admin or data-admin.' })
  reindex(): Promise<{ indexed: number; seconds: number }> {
    return this.searchService.rebuild();
  }
}
