import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import type { Quad } from 'n3';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { CATALOG_PAGE_SIZE, catalogGraph, lastPage, themesGraph } from './catalog-graph.js';
import { CATALOG_FORMATS, serialise, type CatalogFormat } from './catalog-serialisers.js';
import { DcatRule } from './dcat.exception.js';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).default(1) }).strict();
const noQuery = z.object({}).strict();

/**
 * DCAT-AP 3 — the node's open datasets (status `open`) as a catalog harvesters read: Turtle,
 * JSON-LD or RDF/XML at the site root's `/catalog.{ttl,jsonld,rdf}` as ckanext-dcat serves them, or
 * negotiated at `/api/v1/open-data/catalog`; 100 datasets a page with hydra paging, URIs on the host
 * the client reached (X-Forwarded-Proto/-Host behind the gateway).
 */
@ApiTags('open data 数据开放')
@Controller()
export class DcatController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @ApiOperation({ summary: 'DCAT-AP 3 开放数据目录 (the open catalog; format by Accept, Turtle by default; ?page)' })
  @ApiProduces(...Object.values(CATALOG_FORMATS))
  @ApiQuery({ name: 'page', required: false })
  @Get('api/v1/open-data/catalog')
  @Public()
  async negotiated(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.vary('Accept');
    await this.catalog(query, req, res, negotiate(req));
  }

  @ApiOperation({ summary: 'DCAT-AP 3 开放数据目录，Turtle (?page)' })
  @ApiProduces(CATALOG_FORMATS.ttl)
  @ApiQuery({ name: 'page', required: false })
  @Get('catalog.ttl')
  @Public()
  async turtle(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.catalog(query, req, res, 'ttl');
  }

  @ApiOperation({ summary: 'DCAT-AP 3 开放数据目录，JSON-LD (?page)' })
  @ApiProduces(CATALOG_FORMATS.jsonld)
  @ApiQuery({ name: 'page', required: false })
  @Get('catalog.jsonld')
  @Public()
  async jsonLd(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.catalog(query, req, res, 'jsonld');
  }

  @ApiOperation({ summary: 'DCAT-AP 3 开放数据目录，RDF/XML (?page)' })
  @ApiProduces(CATALOG_FORMATS.rdf)
  @ApiQuery({ name: 'page', required: false })
  @Get('catalog.rdf')
  @Public()
  async rdfXml(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.catalog(query, req, res, 'rdf');
  }

  @ApiOperation({ summary: '主题领域 as a SKOS concept scheme (the themes of the DCAT-AP catalog; format by Accept)' })
  @ApiProduces(...Object.values(CATALOG_FORMATS))
  @Get('api/v1/open-data/themes')
  @Public()
  async themes(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    parseInput(noQuery, query);
    res.vary('Accept');
    await send(res, themesGraph(baseUrl(req)), negotiate(req));
  }

  private async catalog(query: unknown, req: Request, res: Response, format: CatalogFormat): Promise<void> {
    const { page } = parseInput(pageQuery, query);
    const base = baseUrl(req);
    const manager = this.dataSource.manager;
    const nodeCode = this.config.node.code;
    const summary = await this.datasets.openSummary(manager, nodeCode);
    if (page > lastPage(summary.count)) throw GovdataError.notFound('catalog page', String(page));
    const datasets = await this.datasets.openPage(manager, nodeCode, (page - 1) * CATALOG_PAGE_SIZE, CATALOG_PAGE_SIZE);
    const resources = await this.datasets.resources(
      manager,
      datasets.map((d) => d.id),
    );
    const graph = catalogGraph({
      base,
      node: { code: nodeCode, name: this.config.node.name },
      page,
      totalItems: summary.count,
      issued: summary.firstOpened,
      modified: summary.lastModified,
      datasets,
      resources,
    });
    await send(res, graph, format);
  }
}

async function send(res: Response, graph: Quad[], format: CatalogFormat): Promise<void> {
  const body = await serialise(graph, format);
  res.setHeader('content-type', `${CATALOG_FORMATS[format]}; charset=utf-8`);
  res.setHeader('cache-control', 'public, max-age=60');
  res.send(body);
}

/** The format the client asks for in Accept; Turtle when it names none of them. */
function negotiate(req: Request): CatalogFormat {
  const chosen = req.accepts(Object.values(CATALOG_FORMATS));
  const found = Object.entries(CATALOG_FORMATS).find(([, type]) => type === chosen);
  return (found?.[0] as CatalogFormat | undefined) ?? 'ttl';
}

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * `scheme://host[:port]` as the client reached the node: the gateway's X-Forwarded-Proto and
 * X-Forwarded-Host (first hop) when present, else this request's own. The host goes into every URI
 * of the export, so anything but a host name is refused rather than written into the graph.
 */
export function baseUrl(req: Pick<Request, 'headers' | 'protocol'>): string {
  const first = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;
  const forwardedProto = first(req.headers['x-forwarded-proto'])?.toLowerCase();
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : req.protocol;
  const host = first(req.headers['x-forwarded-host']) ?? first(req.headers.host) ?? '';
  if (!HOST.test(host)) {
    throw GovdataError.validation([
      {
        path: 'host',
        rule: DcatRule.Host,
        message: '请求的主机名无效 (the Host / X-Forwarded-Host header is not a host name)',
      },
    ]);
  }
  return `${proto}://${host.toLowerCase()}`;
}
