import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import type { Logger } from 'pino';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  ApproveEntryUseCase,
  CreateEntryUseCase,
  DeadlineSettingsService,
  EntryRepository,
  InformationSystemService,
  JIANGXI_DEADLINES,
  MountResourceUseCase,
  OrganisationRefRepository,
  PublishEntryUseCase,
  RegisterDataSourceUseCase,
  registerDataSourceBody,
  registerSystemBody,
  ReturnEntryUseCase,
  SubmitEntryUseCase,
  tableMountBody,
  type OrganisationRef,
} from '@govdata/catalog-feature';
import {
  DEMO_SAMPLE_TABLES,
  DEMO_SYSTEMS,
  demoEntryContent,
  demoTemplatesFor,
  departmentKindOf,
  type DemoDepartmentKind,
  type DemoEntryTemplate,
} from './demo-catalog-data.js';
import { openSampleDatasets, sampleRegions } from './demo-open-catalog.js';

/** The sample source database and its reader's credentials. */
interface SampleDatabase {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** Rows per sample source table. */
const SAMPLE_ROWS = 200;

export interface DemoCatalogResult {
  systems: number;
  entries: number;
  published: number;
  mounts: number;
  /** Entries of the open sample catalog (published for opening, each with its table mounted). */
  openSamples: number;
}

/**
 * DEMO ONLY (added by the demo launcher, see `withDemoSeed`): fills an empty catalog with the demo dataset once the node's demo
 * organisations have reached the catalog — their information systems, a database of sample source
 * tables with synthetic rows, and the entries, taken through the real lifecycle (编目 → 审核 → 发布)
 * by the organisations' editors and the node's reviewer, with the sample tables mounted.
 */
@Injectable()
export class DemoCatalogSeeder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: Promise<unknown> | undefined;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationRefRepository,
    private readonly entries: EntryRepository,
    private readonly createEntry: CreateEntryUseCase,
    private readonly submitEntry: SubmitEntryUseCase,
    private readonly returnEntry: ReturnEntryUseCase,
    private readonly approveEntry: ApproveEntryUseCase,
    private readonly publishEntry: PublishEntryUseCase,
    private readonly systems: InformationSystemService,
    private readonly registerDataSource: RegisterDataSourceUseCase,
    private readonly mountResource: MountResourceUseCase,
    private readonly deadlines: DeadlineSettingsService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.seed().then(
      (result) =>
        result &&
        this.logger.info({ demo: result }, this.stopping ? 'demo catalog seed stopped' : 'demo catalog seeded'),
      (error: unknown) => this.logger.error({ err: error }, 'demo catalog seed failed'),
    );
  }

  /** A node stopped during the seed finishes the entry in hand and stops; the next start does not resume. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Seeds when the catalog of this node is empty; null when there was nothing to do. */
  async seed(): Promise<DemoCatalogResult | null> {
    const organisations = await this.awaitOrganisations();
    if ((await this.entries.countOnNode(this.dataSource.manager, this.config.node.code)) > 0) return null;

    if (this.config.node.code.startsWith('36')) {
      // Jiangxi's plan: update within 10 working days of a change, review within 5.
      await this.dataSource.transaction((m) =>
        this.deadlines.seed(m, this.config.node.code, JIANGXI_DEADLINES, 'demo-seed'),
      );
    }
    const authority = organisations.find((o) => departmentKindOf(o.name) === 'data-authority') ?? organisations[0]!;
    const reviewer = this.demoPrincipal(authority, 'catalog-reviewer');
    const sourceDb = await this.ensureSampleDatabase();
    const result: DemoCatalogResult = { systems: 0, entries: 0, published: 0, mounts: 0, openSamples: 0 };
    const dataSources = new Map<string, string>();

    for (const organisation of organisations) {
      if (this.stopping) break;
      const kind = departmentKindOf(organisation.name);
      if (!kind) continue;
      const editor = this.demoPrincipal(organisation, 'catalog-editor');
      const systemIds = await this.registerSystems(editor, organisation, kind);
      result.systems += systemIds.size;
      const templates = demoTemplatesFor(
        organisation.name,
        organisations.map((o) => o.name),
      );
      const dataSourceId = templates.some((t) => t.sampleTable)
        ? await this.dataSourceOf(dataSources, editor, organisation, sourceDb)
        : undefined;
      for (const template of templates) {
        if (this.stopping) break;
        const published = await this.registerEntry(template, editor, reviewer, systemIds, organisation);
        result.entries++;
        if (published.state === 'published') result.published++;
        if (template.sampleTable && dataSourceId) {
          const table = DEMO_SAMPLE_TABLES[template.sampleTable]!;
          await this.mountResource.execute(
            editor,
            published.id,
            tableMountBody.parse({
              kind: 'table',
              name: `${table.description}（样例表）`,
              dataSourceId,
              schema: 'public',
              table: table.table,
              columnMapping: table.columns.map((c) => ({ column: c.column, item: c.item })),
            }),
          );
          result.mounts++;
        }
      }
    }
    if (!this.stopping) result.openSamples = await this.seedOpenSamples(organisations, reviewer, sourceDb, dataSources);
    return result;
  }

  /**
   * 开放样例 — the open sample catalog (see `openSampleDatasets`): a synthetic table per dataset in
   * the sample database, and an entry of the fitting department taken through the lifecycle with
   * the table mounted; the open-data service then puts each in the opening review.
   */
  private async seedOpenSamples(
    organisations: readonly OrganisationRef[],
    reviewer: Principal,
    sourceDb: SampleDatabase,
    dataSources: Map<string, string>,
  ): Promise<number> {
    const platform = sampleRegions(this.config.node.code)[0]!.name === '本级' ? '本级' : this.platformName();
    const datasets = openSampleDatasets(platform);
    const byKind = new Map<string, OrganisationRef>();
    for (const o of organisations) {
      const kind = departmentKindOf(o.name);
      if (kind && !byKind.has(kind)) byKind.set(kind, o);
    }
    const fallback = byKind.get('data-authority') ?? organisations[0]!;
    await this.createSampleTables(sourceDb, datasets);
    let seeded = 0;
    for (const dataset of datasets) {
      if (this.stopping) break;
      const organisation = byKind.get(dataset.department) ?? fallback;
      const editor = this.demoPrincipal(organisation, 'catalog-editor');
      const published = await this.dataSource.transaction(async (m) => {
        const { entry } = await this.createEntry.execute(m, editor, {
          content: { ...dataset.content, regionCode: this.regionCode(organisation) },
        });
        await this.submitEntry.execute(m, editor, entry.id, {});
        await this.approveEntry.execute(m, reviewer, entry.id, {});
        await this.publishEntry.execute(m, reviewer, entry.id, {});
        return entry.id;
      });
      await this.mountResource.execute(
        editor,
        published,
        tableMountBody.parse({
          kind: 'table',
          name: `${dataset.content.name}表`,
          dataSourceId: await this.dataSourceOf(dataSources, editor, organisation, sourceDb),
          schema: 'public',
          table: dataset.table,
          columnMapping: dataset.columns.map((c) => ({ column: c.column, item: c.item.name })),
        }),
      );
      seeded++;
    }
    return seeded;
  }

  /** The synthetic tables of the open sample catalog, created and filled in the sample database. */
  private async createSampleTables(sourceDb: SampleDatabase, datasets: ReturnType<typeof openSampleDatasets>) {
    const url = new URL(this.config.postgres.adminUrl);
    url.pathname = `/${sourceDb.database}`;
    const sources = new Client({ connectionString: url.toString() });
    await sources.connect();
    try {
      const regions = sampleRegions(this.config.node.code);
      const regionValues = regions.map((r, i) => `(${i}, '${r.code}', '${r.name}')`).join(', ');
      for (const d of datasets) {
        await sources.query(`DROP TABLE IF EXISTS ${d.table}`);
        await sources.query(`CREATE TABLE ${d.table} (${d.columns.map((c) => `${c.column} ${c.sqlType}`).join(', ')})`);
        await sources.query(
          `INSERT INTO ${d.table}
           SELECT ${d.columns.map((c) => c.value(d.subject)).join(', ')}
           FROM generate_series(1, ${d.rows}) AS i
           JOIN (VALUES ${regionValues}) AS r (n, code, name) ON r.n = i % ${regions.length}`,
        );
        await sources.query(`GRANT SELECT ON ${d.table} TO ${sourceDb.user}`);
      }
    } finally {
      await sources.end();
    }
  }

  /** The organisation's data source on the sample database, registered once. */
  private async dataSourceOf(
    known: Map<string, string>,
    editor: Principal,
    organisation: OrganisationRef,
    sourceDb: SampleDatabase,
  ): Promise<string> {
    const existing = known.get(organisation.id);
    if (existing) return existing;
    const { id } = await this.registerDataSource.execute(
      editor,
      registerDataSourceBody.parse({ name: `${organisation.name}业务库（演示）`, kind: 'postgresql', ...sourceDb }),
    );
    known.set(organisation.id, id);
    return id;
  }

  /** 江西省 / 南昌市 — the platform's region, as its name begins. */
  private platformName(): string {
    return /^(.+?[省市])/.exec(this.config.node.name)?.[1] ?? '本级';
  }

  private async registerEntry(
    template: DemoEntryTemplate,
    editor: Principal,
    reviewer: Principal,
    systemIds: Map<string, string>,
    organisation: OrganisationRef,
  ): Promise<{ id: string; state: string }> {
    const content = {
      ...demoEntryContent(template, this.regionCode(organisation)),
      ...(template.system && systemIds.has(template.system) ? { systemId: systemIds.get(template.system) } : {}),
    };
    const target = template.state ?? 'published';
    return this.dataSource.transaction(async (m) => {
      const { entry } = await this.createEntry.execute(m, editor, { content });
      if (target === 'draft') return { id: entry.id, state: target };
      await this.submitEntry.execute(m, editor, entry.id, {});
      if (target === 'submitted') return { id: entry.id, state: target };
      if (target === 'returned') {
        await this.returnEntry.execute(m, reviewer, entry.id, {
          reason: '请补充信息项说明',
          fieldReasons: [{ field: 'items', reason: '部分信息项缺少数据元引用和说明' }],
        });
        return { id: entry.id, state: target };
      }
      await this.approveEntry.execute(m, reviewer, entry.id, {});
      await this.publishEntry.execute(m, reviewer, entry.id, {});
      return { id: entry.id, state: 'published' };
    });
  }

  private async registerSystems(
    editor: Principal,
    organisation: OrganisationRef,
    kind: DemoDepartmentKind,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const system of DEMO_SYSTEMS[kind]) {
      const registered = await this.systems.register(
        editor,
        registerSystemBody.parse({
          name: system.name,
          description: system.description,
          constructionLevel: this.constructionLevel(),
          constructionDepartment: organisation.name,
          deployment: system.deployment,
          contact: { name: '系统管理员', phone: '0791-86000000' },
        }),
      );
      ids.set(system.name, registered.id);
    }
    return ids;
  }

  /** The node's organisations, once the identity events have brought them and they stopped changing. */
  private async awaitOrganisations(): Promise<OrganisationRef[]> {
    const deadline = Date.now() + 180_000;
    let previous = -1;
    let stableSince = Date.now();
    for (;;) {
      const organisations = await this.organisations.listActive(this.dataSource.manager, this.config.node.code);
      if (organisations.length !== previous) {
        previous = organisations.length;
        stableSince = Date.now();
      }
      const departments = organisations.filter(
        (o) => departmentKindOf(o.name) && departmentKindOf(o.name) !== 'data-authority',
      );
      if (departments.length > 0 && Date.now() - stableSince > 3_000) return organisations;
      if (Date.now() > deadline) {
        throw GovdataError.unavailable('the demo organisations did not reach the catalog within 3 minutes');
      }
      if (this.stopping) throw GovdataError.unavailable('the node is stopping');
      await sleep(500);
    }
  }

  /**
   * A database of sample source tables next to the node's own (`<database>_sources`), readable by a
   * login role whose password is generated here and kept only in the catalog's encrypted vault.
   */
  private async ensureSampleDatabase(): Promise<SampleDatabase> {
    const database = `${this.config.postgres.database}_sources`;
    const user = `${database}_reader`;
    const password = randomBytes(18).toString('base64url');
    const admin = new Client({ connectionString: this.config.postgres.adminUrl });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${database}`);
      const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
      await admin.query(`${role.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${user} LOGIN PASSWORD '${password}'`);
    } finally {
      await admin.end();
    }
    const url = new URL(this.config.postgres.adminUrl);
    url.pathname = `/${database}`;
    const sources = new Client({ connectionString: url.toString() });
    await sources.connect();
    try {
      for (const table of Object.values(DEMO_SAMPLE_TABLES)) {
        await sources.query(`DROP TABLE IF EXISTS ${table.table}`);
        await sources.query(
          `CREATE TABLE ${table.table} (${table.columns.map((c) => `${c.column} ${c.sqlType}`).join(', ')})`,
        );
        await sources.query(`COMMENT ON TABLE ${table.table} IS '${table.description.replace(/'/g, "''")}'`);
        const rows = table.rows(this.regionCode(), SAMPLE_ROWS);
        const width = table.columns.length;
        for (let i = 0; i < rows.length; i += 100) {
          const chunk = rows.slice(i, i + 100);
          const placeholders = chunk.map(
            (_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`,
          );
          await sources.query(`INSERT INTO ${table.table} VALUES ${placeholders.join(', ')}`, chunk.flat());
        }
        await sources.query(`GRANT SELECT ON ${table.table} TO ${user}`);
      }
      await sources.query(`GRANT USAGE ON SCHEMA public TO ${user}`);
    } finally {
      await sources.end();
    }
    return { host: url.hostname, port: Number(url.port || 5432), database, user, password };
  }

  private demoPrincipal(organisation: OrganisationRef, role: Principal['roles'][number]): Principal {
    return {
      subject: `demo-seed:${role}`,
      kind: 'user',
      organisationId: organisation.id,
      nodeCode: this.config.node.code,
      roles: [role],
      // The seed's reviewer acts for the node's data authority (an authority organisation).
      authority: role !== 'catalog-editor',
      name:
        role === 'catalog-editor'
          ? '目录编目员（演示）'
          : role === 'catalog-reviewer'
            ? '目录审核员（演示）'
            : '数据管理员（演示）',
    };
  }

  /** The region the node covers; a ministry's data covers the whole country. */
  private regionCode(organisation?: OrganisationRef): string {
    if (organisation && /^[1-8]\d{5}$/.test(organisation.regionCode)) return organisation.regionCode;
    return /^\d{6}$/.test(this.config.node.code) ? this.config.node.code : '100000';
  }

  private constructionLevel(): 'national' | 'provincial' | 'municipal' {
    const level = this.config.node.level;
    return level === 'provincial' ? 'provincial' : level === 'municipal' ? 'municipal' : 'national';
  }
}
