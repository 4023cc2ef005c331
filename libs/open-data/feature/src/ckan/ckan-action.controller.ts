import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { PublishedDatasets } from '../datasets/published-datasets.js';
import { isLocalResource, publishedColumns, type DatasetRecord } from '../datasets/dataset.js';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { OpenDataRule } from '../datasets/open-data.exception.js';
import { OPEN_DOMAIN_CODES, type OpenDomain } from '../datasets/open-vocabulary.js';
import { OpenAccessLimits } from '../access/open-access-limits.js';
import { TableReader } from '../rows/table-reader.js';
import { CkanCatalogRepository, packageSearchSql } from './ckan-catalog.repository.js';
import { CkanErrorFilter, helpUrl, publicBaseUrl, UnknownCkanAction, type CkanSuccess } from './ckan-envelope.js';
import { datastoreType, groupDict, organizationDict, packageDict, resourceDict } from './ckan-package.js';
import { parsePackageSearch } from './ckan-search-query.js';

/** The CKAN version whose action API this one answers as (what `status_show` tells clients). */
const CKAN_API_VERSION = '2.10.4';
export const DATASTORE_MAX_LIMIT = 32_000;

/** The actions answered, by CKAN name. */
export const CKAN_ACTIONS = [
  'status_show',
  'package_search',
  'package_show',
  'package_list',
  'organization_list',
  'organization_show',
  'group_list',
  'group_show',
  'tag_list',
  'resource_show',
  'datastore_search',
] as const;
type CkanAction = (typeof CKAN_ACTIONS)[number];

type Params = Record<string, unknown>;
interface ActionContext {
  params: Params;
  baseUrl: string;
  /** Who asks: a grant lets a person or an API key read data opened on conditions. */
  req: Request;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const flag = z.preprocess(
  (v) => (typeof v === 'string' ? v.toLowerCase() === 'true' || v === '1' : v),
  z.boolean({ error: 'true 或 false (true or false)' }),
);
const count = (max: number, fallback: number | undefined) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : v),
    z.coerce
      .number({ error: '须为整数 (must be a whole number)' })
      .int('须为整数 (must be a whole number)')
      .min(0, '不能小于 0 (must be at least 0)')
      .max(max, `不能大于 ${max} (must be less than or equal to ${max})`)
      .optional(),
  );
const idParams = z.object({
  id: z.string({ error: '缺少 id (Missing value)' }).trim().min(1, '缺少 id (Missing value)'),
});
const listParams = z.object({ limit: count(1_000_000, undefined), offset: count(10_000_000, 0) });
const allFieldsParams = z.object({ all_fields: flag.default(false) });
const tagListParams = z.object({
  query: z.string().max(100).optional(),
  limit: count(10_000, 1_000),
});
const datastoreParams = z.object({
  resource_id: z
    .string({ error: '缺少 resource_id (Missing value)' })
    .trim()
    .min(1, '缺少 resource_id (Missing value)'),
  filters: z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    },
    z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]), {
        error: '须为 JSON 对象：{"字段": 值} (a JSON object: {"field": value})',
      })
      .default({}),
  ),
  q: z.string().max(500).optional(),
  fields: z.unknown().optional(),
  limit: count(DATASTORE_MAX_LIMIT, 100),
  offset: count(10_000_000, 0),
  sort: z
    .string()
    .max(200)
    .regex(
      /^[^,]+?(?: (?:asc|desc))?$/i,
      '一个字段，可后接 asc 或 desc (one field, optionally followed by asc or desc)',
    )
    .optional(),
  include_total: flag.default(true),
});

/**
 * CKAN 动作接口 — `/api/3/action/<action>`, CKAN's action API over the node's open catalog, so
 * ckanext-harvest, Magda's CKAN connector and CKAN clients harvest a govdata node as they would a
 * CKAN site: packages (the opened datasets; archived ones disappear from search and lists and show
 * as `deleted`), organizations (提供部门), groups (主题领域), tags, resources, and DataStore reads
 * of the tables. GET with a query string or POST with a JSON body, answers in CKAN's envelope.
 */
@ApiTags('open data 数据开放')
@Controller('api/3/action')
@UseFilters(CkanErrorFilter)
export class CkanActionController {
  /** The actions, by CKAN name. */
  private readonly actions: Record<CkanAction, (ctx: ActionContext) => Promise<unknown>> = {
    status_show: (ctx) => this.statusShow(ctx),
    package_search: (ctx) => this.packageSearch(ctx),
    package_show: (ctx) => this.packageShow(ctx),
    package_list: (ctx) => this.packageList(ctx),
    organization_list: (ctx) => this.organizationList(ctx),
    organization_show: (ctx) => this.organizationShow(ctx),
    group_list: (ctx) => this.groupList(ctx),
    group_show: (ctx) => this.groupShow(ctx),
    tag_list: (ctx) => this.tagList(ctx),
    resource_show: (ctx) => this.resourceShow(ctx),
    datastore_search: (ctx) => this.datastoreSearch(ctx),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    private readonly catalog: CkanCatalogRepository,
    private readonly reader: TableReader,
    private readonly limits: OpenAccessLimits,
    private readonly publishedDatasets: PublishedDatasets,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @ApiOperation({
    summary:
      'CKAN 动作接口 (CKAN action API: status_show, package_search, package_show, package_list, organization_list, organization_show, group_list, group_show, tag_list, resource_show, datastore_search)',
  })
  @ApiParam({ name: 'action', enum: [...CKAN_ACTIONS] })
  @Get(':action')
  @Public()
  get(@Param('action') action: string, @Query() query: Params, @Req() req: Request): Promise<CkanSuccess<unknown>> {
    return this.run(action, query, req);
  }

  @ApiOperation({ summary: 'CKAN 动作接口，JSON 请求体 (CKAN action API with a JSON body)' })
  @ApiParam({ name: 'action', enum: [...CKAN_ACTIONS] })
  @Post(':action')
  @HttpCode(200)
  @Public()
  post(
    @Param('action') action: string,
    @Query() query: Params,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<CkanSuccess<unknown>> {
    const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? (body as Params) : {};
    return this.run(action, { ...query, ...fromBody }, req);
  }

  private async run(action: string, params: Params, req: Request): Promise<CkanSuccess<unknown>> {
    const handler = Object.hasOwn(this.actions, action) ? this.actions[action as CkanAction] : undefined;
    if (!handler) throw new UnknownCkanAction(action);
    const baseUrl = publicBaseUrl(req);
    // Rows of the tables count against the visitor's limit like the REST rows API.
    if (action === 'datastore_search') await this.limits.admit(req, 'rows');
    return { help: helpUrl(baseUrl, action), success: true, result: await handler({ params, baseUrl, req }) };
  }

  private async statusShow({ baseUrl }: ActionContext) {
    return {
      site_title: this.config.node.name,
      site_description: '政务数据开放 (government open data)',
      site_url: baseUrl,
      ckan_version: CKAN_API_VERSION,
      error_emails_to: null,
      locale_default: 'zh_Hans_CN',
      extensions: ['datastore'],
      node_code: this.config.node.code,
    };
  }

  private async packageSearch({ params, baseUrl }: ActionContext) {
    const search = parsePackageSearch(params);
    const manager = this.dataSource.manager;
    const sql = packageSearchSql(this.config.node.code, search);
    const [ids, total] = await Promise.all([
      this.catalog.searchIds(manager, sql, search.rows, search.start),
      this.catalog.count(manager, sql),
    ]);
    const packages = await this.packages(ids, baseUrl);
    const facets: Record<string, Record<string, number>> = {};
    const searchFacets: Record<
      string,
      { title: string; items: Array<{ name: string; display_name: string; count: number }> }
    > = {};
    for (const field of search.facetFields) {
      const counts = await this.catalog.facet(manager, sql, field, search.facetLimit);
      facets[field] = Object.fromEntries(counts.map((c) => [c.name, c.count]));
      searchFacets[field] = {
        title: field,
        items: counts.map((c) => ({
          name: c.name,
          display_name: field === 'groups' ? groupDict(c.name as OpenDomain).title : c.displayName,
          count: c.count,
        })),
      };
    }
    return {
      count: total,
      sort: search.sort.map((s) => `${s.key} ${s.direction}`).join(', '),
      facets,
      search_facets: searchFacets,
      results: packages,
    };
  }

  private async packageShow({ params, baseUrl }: ActionContext) {
    const { id } = parseInput(idParams, params);
    const dataset = await this.published(id);
    return (await this.packages([dataset.id], baseUrl))[0]!;
  }

  private async packageList({ params }: ActionContext) {
    const { limit, offset } = parseInput(listParams, params);
    return this.catalog.packageNames(this.dataSource.manager, this.config.node.code, limit ?? null, offset ?? 0);
  }

  private async organizationList({ params }: ActionContext) {
    const { all_fields } = parseInput(allFieldsParams, params);
    const orgs = await this.catalog.organizations(this.dataSource.manager, this.config.node.code);
    return all_fields ? orgs.map((o) => organizationDict(o, o.count)) : orgs.map((o) => o.organisationId);
  }

  private async organizationShow({ params }: ActionContext) {
    const { id } = parseInput(idParams, params);
    const [org] = await this.catalog.organizations(
      this.dataSource.manager,
      this.config.node.code,
      UUID.test(id) ? { organisationId: id } : { providerCode: id.toUpperCase() },
    );
    if (!org) throw GovdataError.notFound('organization', id);
    return organizationDict(org, org.count);
  }

  private async groupList({ params }: ActionContext) {
    const { all_fields } = parseInput(allFieldsParams, params);
    if (!all_fields) return [...OPEN_DOMAIN_CODES];
    const counts = await this.catalog.domainCounts(this.dataSource.manager, this.config.node.code);
    return OPEN_DOMAIN_CODES.map((code) => groupDict(code, counts.get(code) ?? 0));
  }

  private async groupShow({ params }: ActionContext) {
    const { id } = parseInput(idParams, params);
    if (!(OPEN_DOMAIN_CODES as string[]).includes(id)) throw GovdataError.notFound('group', id);
    const counts = await this.catalog.domainCounts(this.dataSource.manager, this.config.node.code);
    return groupDict(id as OpenDomain, counts.get(id as OpenDomain) ?? 0);
  }

  private async tagList({ params }: ActionContext) {
    const { query, limit } = parseInput(tagListParams, params);
    return this.catalog.tags(
      this.dataSource.manager,
      this.config.node.code,
      query?.trim() || undefined,
      limit ?? 1_000,
    );
  }

  private async resourceShow({ params, baseUrl }: ActionContext) {
    const { id } = parseInput(idParams, params);
    const { resource } = await this.publishedResource(id);
    const all = await this.datasets.resources(this.dataSource.manager, [resource.datasetId]);
    return resourceDict(
      baseUrl,
      resource,
      all.findIndex((r) => r.id === resource.id),
    );
  }

  private async datastoreSearch({ params, req }: ActionContext) {
    const p = parseInput(datastoreParams, params);
    if (p.q !== undefined && p.q.trim() !== '') {
      throw GovdataError.validation([
        {
          path: 'q',
          rule: 'unsupported',
          message:
            '不支持全文检索，请用 filters 按字段筛选 (full-text q is not supported: filter by field with filters)',
        },
      ]);
    }
    if (p.fields !== undefined && p.fields !== '') {
      throw GovdataError.validation([
        {
          path: 'fields',
          rule: 'unsupported',
          message: '不支持选择字段，返回全部开放字段 (fields is not supported: every published field is returned)',
        },
      ]);
    }
    const found = await this.publishedResource(p.resource_id);
    const { dataset, resource } = await this.publishedDatasets.served(
      found.dataset,
      found.resource,
      req,
      'resource_id',
    );
    if (!isLocalResource(resource)) {
      // A replica's DataStore is its origin's (the REST rows endpoint reads it through the origin).
      throw GovdataError.conflict(
        `该数据由节点 ${dataset.nodeCode} 提供，请使用该节点的 DataStore API (the data is served by node ${dataset.nodeCode})`,
        [{ path: 'resource_id', rule: OpenDataRule.ServedByOrigin, message: `来源节点 ${dataset.nodeCode}` }],
      );
    }
    const sort = p.sort ? /^(.+?)(?: (asc|desc))?$/i.exec(p.sort.trim()) : null;
    const limit = p.limit ?? 100;
    const offset = p.offset ?? 0;
    const slice = await this.reader.slice(
      resource,
      {
        filters: p.filters,
        sort: sort
          ? { item: sort[1]!, direction: (sort[2]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? 'asc' }
          : undefined,
        limit,
      },
      offset,
      { withTotal: p.include_total },
    );
    const link = (o: number) =>
      `/api/3/action/datastore_search?resource_id=${resource.id}&limit=${limit}&offset=${o}` +
      (p.sort ? `&sort=${encodeURIComponent(p.sort)}` : '') +
      (Object.keys(p.filters).length ? `&filters=${encodeURIComponent(JSON.stringify(p.filters))}` : '');
    return {
      resource_id: resource.id,
      fields: publishedColumns(resource).map((c) => ({ id: c.item, type: datastoreType(c) })),
      records: slice.rows,
      records_format: 'objects',
      ...(slice.total === null ? {} : { total: slice.total }),
      total_was_estimated: false,
      include_total: p.include_total,
      limit,
      offset,
      ...(p.sort ? { sort: p.sort } : {}),
      filters: p.filters,
      _links: { start: link(0), next: link(offset + limit) },
    };
  }

  /** CKAN packages of datasets, in the order given, with their resources read in one go. */
  private async packages(ids: readonly string[], baseUrl: string) {
    const manager = this.dataSource.manager;
    const [records, resources] = await Promise.all([
      this.datasets.findByIds(manager, ids),
      this.datasets.resources(manager, ids),
    ]);
    return records.map((d) => packageDict(baseUrl, d, resources));
  }

  /**
   * An open or archived dataset of this node, or a replica of one opened below it, by its CKAN id or
   * name (both are its id).
   */
  private async published(id: string): Promise<DatasetRecord> {
    const dataset = UUID.test(id) ? await this.datasets.findById(this.dataSource.manager, id.toLowerCase()) : null;
    if (
      !dataset ||
      (dataset.nodeCode !== this.config.node.code && !dataset.origin) ||
      (dataset.status !== 'open' && dataset.status !== 'archived')
    ) {
      throw GovdataError.notFound('open dataset', id);
    }
    return dataset;
  }

  private async publishedResource(id: string) {
    const datasetId = await this.catalog.datasetOfResource(this.dataSource.manager, id);
    const dataset = datasetId ? await this.published(datasetId).catch(() => null) : null;
    const resource = dataset ? await this.datasets.findResource(this.dataSource.manager, dataset.id, id) : null;
    if (!dataset || !resource) throw GovdataError.notFound('open resource', id);
    return { dataset, resource };
  }
}
