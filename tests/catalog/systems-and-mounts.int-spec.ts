import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { sampleEntry, startCatalogNode, type ApiResponse, type CatalogNode } from './catalog-harness.js';

/**
 * 数据—系统 and 目录—数据 through the gateway: the register of information systems, entries naming
 * their system, and tables (checked against a real PostgreSQL table), APIs and files mounted to an
 * entry — with credentials that never come back out.
 */
describe('information systems and mounted resources', () => {
  let node: CatalogNode;
  let editorA: string;
  let editorB: string;
  let reviewer: string;
  let readerB: string;
  let admin: pg.Client;
  /** Every response body of the run, to prove no credential ever comes back. */
  const bodies: string[] = [];

  const SOURCE_PASSWORD = 'Src-Reader-Pass-2026!';
  const API_KEY = 'apikey-5f7c1e9a-do-not-leak';
  let sourceRole: string;
  let sourceDatabase: string;

  async function call<T = any>(method: string, path: string, token: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await node.api<T>(method, path, { token, body });
    bodies.push(typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
    return response;
  }

  function fieldsOf(response: ApiResponse): Array<{ path: string; rule: string }> {
    return (response.body.errors ?? []).map((e: { path: string; rule: string }) => ({ path: e.path, rule: e.rule }));
  }

  beforeAll(async () => {
    // The source database sits on the node's own PostgreSQL server, which the node reaches only
    // because its outbound list names that host:port exactly; its own database stays refused.
    node = await startCatalogNode({ outbound: { allow: ['127.0.0.1/32', '127.0.0.1:5432'] } });
    editorA = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    editorB = await node.token(node.orgB, ['catalog-editor'], 'editor-b');
    reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'reviewer');
    readerB = await node.token(node.orgB, [], 'reader-b');

    // The source database: a real table in a database of its own, read by its own login role.
    const url = new URL(node.config.postgres.adminUrl);
    url.pathname = `/${node.config.postgres.database}`;
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    sourceDatabase = `${node.config.postgres.database}_src`;
    sourceRole = `${node.config.postgres.database}_src_reader`;
    await admin.query(`CREATE DATABASE "${sourceDatabase}"`);
    await admin.query(`CREATE ROLE "${sourceRole}" LOGIN PASSWORD '${SOURCE_PASSWORD}'`);
    url.pathname = `/${sourceDatabase}`;
    const source = new pg.Client({ connectionString: url.toString() });
    await source.connect();
    await source.query('CREATE SCHEMA rkk');
    await source.query(`
      CREATE TABLE rkk.person (
        xm   varchar(50) NOT NULL,
        sfzh char(18) NOT NULL,
        xb   char(1),
        csrq date,
        hjdz varchar(200)
      )`);
    await source.query(`GRANT USAGE ON SCHEMA rkk TO "${sourceRole}"`);
    await source.query(`GRANT SELECT ON rkk.person TO "${sourceRole}"`);
    await source.end();
  });

  afterAll(async () => {
    await admin?.end();
    await node?.close();
    // The node's database is gone with it; the source database and the cluster-wide role are left.
    if (node) {
      const cluster = new pg.Client({ connectionString: node.config.postgres.adminUrl });
      await cluster.connect();
      await cluster.query(`DROP DATABASE IF EXISTS "${sourceDatabase}" WITH (FORCE)`);
      await cluster.query(`DROP ROLE IF EXISTS "${sourceRole}"`);
      await cluster.end();
    }
  });

  const system = {
    name: '江西省人口综合信息管理系统',
    description: '户籍人口与常住人口登记、变更和查询',
    constructionLevel: '省级',
    constructionDepartment: '江西省公安厅',
    deployment: '政务云',
    contact: { name: '李工', phone: '0791-86888888', email: 'rkxt@gat.jiangxi.gov.cn' },
  };

  describe('数据—系统', () => {
    let systemA: string;
    let systemB: string;

    it('lets an editor register its organisation’s systems; names are unique within the organisation', async () => {
      const created = await call('POST', '/api/v1/catalog/systems', editorA, system);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        organisationId: node.orgA.id,
        name: system.name,
        constructionLevel: 'provincial',
        deployment: 'gov-cloud',
        status: 'in-use',
        version: 1,
      });
      systemA = created.body.id;
      // A new system starts the organisation's registration deadline (登记时限) for its resources.
      const clocks = await call('GET', `/api/v1/catalog/clocks?organisationId=${node.orgA.id}`, editorA);
      expect(clocks.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'registration', systemId: systemA, status: 'open' })]),
      );

      const again = await call('POST', '/api/v1/catalog/systems', editorA, {
        ...system,
        name: ` ${system.name}\u3000`,
      });
      expect(again.status).toBe(409);
      expect(fieldsOf(again)).toEqual([{ path: 'name', rule: 'unique' }]);

      // Another organisation may use the same name for its own system.
      const other = await call('POST', '/api/v1/catalog/systems', editorB, {
        ...system,
        constructionDepartment: '江西省市场监督管理局',
      });
      expect(other.status).toBe(201);
      systemB = other.body.id;
    });

    it('answers bad input with the field and the rule', async () => {
      const bad = await call('POST', '/api/v1/catalog/systems', editorA, {
        ...system,
        name: '另一系统',
        deployment: '云上',
        contact: { name: '李工', phone: 'none' },
      });
      expect(bad.status).toBe(400);
      expect(
        fieldsOf(bad)
          .map((f) => f.path)
          .sort(),
      ).toEqual(['contact.phone', 'deployment']);
    });

    it("refuses another organisation's editor (403), and a reader without the editor role", async () => {
      const edit = await call('PATCH', `/api/v1/catalog/systems/${systemA}`, editorB, { status: 'decommissioned' });
      expect(edit.status).toBe(403);
      const forA = await call('POST', '/api/v1/catalog/systems', editorB, {
        ...system,
        organisationId: node.orgA.id,
        name: '代登记系统',
      });
      expect(forA.status).toBe(403);
      const byReader = await call('POST', '/api/v1/catalog/systems', readerB, { ...system, name: '读者系统' });
      expect(byReader.status).toBe(403);
      const unchanged = await call('GET', `/api/v1/catalog/systems/${systemA}`, readerB);
      expect(unchanged.body).toMatchObject({ status: 'in-use', version: 1 });
    });

    it('lets the owner edit, refusing a stale version', async () => {
      const edited = await call('PATCH', `/api/v1/catalog/systems/${systemA}`, editorA, {
        deployment: '自建机房',
        version: 1,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ deployment: 'own-data-centre', version: 2, updatedBy: 'editor-a' });
      const stale = await call('PATCH', `/api/v1/catalog/systems/${systemA}`, editorA, { status: '停用', version: 1 });
      expect(stale.status).toBe(409);
      expect(fieldsOf(stale)).toEqual([{ path: 'version', rule: 'version-mismatch' }]);
    });

    it('lists systems to everyone signed in on the node, per organisation; not to another node', async () => {
      const all = await call('GET', '/api/v1/catalog/systems', readerB);
      expect(all.status).toBe(200);
      expect(all.body.items.map((s: { id: string }) => s.id).sort()).toEqual([systemA, systemB].sort());
      expect(all.body.labels.deployment['gov-cloud']).toEqual({ zh: '政务云', en: 'Government cloud' });
      const ofA = await call('GET', `/api/v1/catalog/systems?organisationId=${node.orgA.id}`, readerB);
      expect(ofA.body.items.map((s: { id: string }) => s.id)).toEqual([systemA]);
      const foreign = await node.token(node.orgA, ['catalog-editor'], 'elsewhere', '440000');
      expect((await call('GET', '/api/v1/catalog/systems', foreign)).status).toBe(403);
    });

    it("refuses an entry naming another organisation's system or an unknown one (422 content.systemId)", async () => {
      const foreign = await call('POST', '/api/v1/catalog/entries', editorA, {
        content: sampleEntry({ systemId: systemB }),
      });
      expect(foreign.status).toBe(422);
      expect(fieldsOf(foreign)).toEqual([{ path: 'content.systemId', rule: 'system-of-provider' }]);
      const unknown = await call('POST', '/api/v1/catalog/entries', editorA, {
        content: sampleEntry({ systemId: '00000000-0000-4000-8000-000000000001' }),
      });
      expect(unknown.status).toBe(422);
      expect(fieldsOf(unknown)).toEqual([{ path: 'content.systemId', rule: 'system-exists' }]);
      // Nothing was kept of the refused writes.
      const entries = await call('GET', `/api/v1/catalog/entries?organisationId=${node.orgA.id}`, editorA);
      expect(entries.body.items).toEqual([]);
    });

    it('shows the entries that name a system, as far as the reader may see them', async () => {
      const entry = await call('POST', '/api/v1/catalog/entries', editorA, {
        content: sampleEntry({ systemId: systemA }),
      });
      expect(entry.status).toBe(201);
      const forOwner = await call('GET', `/api/v1/catalog/systems/${systemA}`, editorA);
      expect(forOwner.body.entries).toEqual([
        {
          id: entry.body.id,
          code: entry.body.code,
          name: '人口基本信息',
          organisationId: node.orgA.id,
          status: 'draft',
        },
      ]);
      // A draft is the provider's business until it is published.
      const forOthers = await call('GET', `/api/v1/catalog/systems/${systemA}`, readerB);
      expect(forOthers.body.entries).toEqual([]);
    });
  });

  describe('目录—数据', () => {
    let entryId: string;
    let sourceId: string;

    const tableMount = (overrides: Record<string, unknown> = {}) => ({
      kind: 'table',
      name: '人口基本信息表',
      dataSourceId: sourceId,
      schema: 'rkk',
      table: 'person',
      columnMapping: [
        { column: 'xm', item: '姓名' },
        { column: 'sfzh', item: '公民身份号码' },
        { column: 'csrq', item: '出生日期' },
      ],
      ...overrides,
    });

    beforeAll(async () => {
      const entry = await call('POST', '/api/v1/catalog/entries', editorA, {
        content: sampleEntry({ name: '户籍人口信息' }),
      });
      expect(entry.status).toBe(201);
      entryId = entry.body.id;
    });

    it('registers a data source with its password sealed: never returned, not in the clear in the database', async () => {
      const created = await call('POST', '/api/v1/catalog/data-sources', editorA, {
        name: '人口库',
        kind: 'postgresql',
        host: '127.0.0.1',
        port: node.config.postgres.port,
        database: sourceDatabase,
        user: sourceRole,
        password: SOURCE_PASSWORD,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: '人口库',
        hasPassword: true,
        ssl: false,
        organisationId: node.orgA.id,
      });
      expect(created.body).not.toHaveProperty('password');
      sourceId = created.body.id;

      const stored = await admin.query<{ password_cipher: string }>(
        'SELECT password_cipher FROM catalog.data_source WHERE id = $1',
        [sourceId],
      );
      const cipher = stored.rows[0]!.password_cipher;
      expect(cipher).toMatch(/^v2\.A256GCM\.[0-9a-f]{16}\./);
      expect(cipher).not.toContain(SOURCE_PASSWORD);
      const everything = await admin.query<{ dump: string }>(
        `SELECT string_agg(t::text, ' ') AS dump FROM catalog.data_source t`,
      );
      expect(everything.rows[0]!.dump).not.toContain(SOURCE_PASSWORD);
      const keyMode = (await stat(join(node.config.node.dataDir, 'keys', 'catalog-credentials.key.json'))).mode & 0o777;
      expect(keyMode).toBe(0o600);

      const check = await call('POST', `/api/v1/catalog/data-sources/${sourceId}/check`, editorA);
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ reachable: true });
      // Other organisations do not see the connection details.
      expect((await call('GET', `/api/v1/catalog/data-sources/${sourceId}`, editorB)).status).toBe(404);
      expect((await call('GET', `/api/v1/catalog/data-sources/${sourceId}`, reviewer)).body).toMatchObject({
        hasPassword: true,
      });
    });

    it('mounts a table whose mapping matches the real table', async () => {
      const mounted = await call('POST', `/api/v1/catalog/entries/${entryId}/mounts`, editorA, tableMount());
      expect(mounted.status).toBe(201);
      expect(mounted.body).toMatchObject({
        kind: 'table',
        name: '人口基本信息表',
        details: {
          schema: 'rkk',
          table: 'person',
          columnMapping: [
            { column: 'xm', item: '姓名', columnType: 'character varying' },
            { column: 'sfzh', item: '公民身份号码', columnType: 'character' },
            { column: 'csrq', item: '出生日期', columnType: 'date' },
          ],
          dataSource: { id: sourceId, user: sourceRole, hasPassword: true },
        },
      });
    });

    it('names the column the table does not have, and the item the entry does not have (422)', async () => {
      const badColumn = await call(
        'POST',
        `/api/v1/catalog/entries/${entryId}/mounts`,
        editorA,
        tableMount({
          name: '错列',
          columnMapping: [
            { column: 'xm', item: '姓名' },
            { column: 'mz', item: '性别' },
          ],
        }),
      );
      expect(badColumn.status).toBe(422);
      expect(fieldsOf(badColumn)).toEqual([{ path: 'columnMapping.1.column', rule: 'column-exists' }]);

      const badItem = await call(
        'POST',
        `/api/v1/catalog/entries/${entryId}/mounts`,
        editorA,
        tableMount({ name: '错项', columnMapping: [{ column: 'xb', item: '民族' }] }),
      );
      expect(badItem.status).toBe(422);
      expect(fieldsOf(badItem)).toEqual([{ path: 'columnMapping.0.item', rule: 'item-of-entry' }]);

      const noTable = await call(
        'POST',
        `/api/v1/catalog/entries/${entryId}/mounts`,
        editorA,
        tableMount({ name: '无表', table: 'people' }),
      );
      expect(noTable.status).toBe(422);
      expect(fieldsOf(noTable)).toEqual([{ path: 'table', rule: 'table-exists' }]);
    });

    it('answers a source it cannot log in to or reach with a clear 422 naming dataSourceId', async () => {
      // This cluster trusts local connections (pg_hba `trust`), so a wrong password is not refused
      // by the server; a user the server does not know is refused at authentication the same way.
      const wrongUser = await call('POST', '/api/v1/catalog/data-sources', editorA, {
        name: '错误账号',
        kind: 'postgresql',
        host: '127.0.0.1',
        port: node.config.postgres.port,
        database: sourceDatabase,
        user: `${sourceRole}_nobody`,
        password: 'wrong-password',
      });
      const refused = await call(
        'POST',
        `/api/v1/catalog/entries/${entryId}/mounts`,
        editorA,
        tableMount({ dataSourceId: wrongUser.body.id }),
      );
      expect(refused.status).toBe(422);
      expect(fieldsOf(refused)).toEqual([{ path: 'dataSourceId', rule: 'source-authentication' }]);
      expect(refused.body.detail).toContain('refused the user name or password');

      const closed = await call('POST', '/api/v1/catalog/data-sources', editorA, {
        name: '不通的库',
        kind: 'postgresql',
        host: '127.0.0.1',
        port: 1,
        database: 'nowhere',
        user: 'nobody',
        password: 'wrong-password',
      });
      const unreachable = await call(
        'POST',
        `/api/v1/catalog/entries/${entryId}/mounts`,
        editorA,
        tableMount({ dataSourceId: closed.body.id }),
      );
      expect(unreachable.status).toBe(422);
      expect(fieldsOf(unreachable)).toEqual([{ path: 'dataSourceId', rule: 'source-unreachable' }]);

      const check = await call('POST', `/api/v1/catalog/data-sources/${closed.body.id}/check`, editorA);
      expect(check.status).toBe(422);
      expect(fieldsOf(check)).toEqual([{ path: 'id', rule: 'source-unreachable' }]);

      const foreign = await call(
        'POST',
        `/api/v1/catalog/entries/${entryId}/mounts`,
        editorB,
        tableMount({ name: '他人挂接' }),
      );
      // A draft of another organisation does not exist for editor B.
      expect(foreign.status).toBe(404);
    });

    it('mounts an API by its OpenAPI 3 document, keeping the API key sealed', async () => {
      const openapi = {
        openapi: '3.0.3',
        info: { title: '人口信息核验接口', version: '1.0.0' },
        servers: [{ url: 'https://api.gat.jiangxi.gov.cn/rk/v1' }],
        paths: { '/persons/{sfzh}': { get: { operationId: 'getPerson', summary: '按公民身份号码查询' } } },
      };
      const swagger = await call('POST', `/api/v1/catalog/entries/${entryId}/mounts`, editorA, {
        kind: 'api',
        name: '旧接口',
        openapi: { swagger: '2.0', info: { title: 'x' }, paths: {} },
        operation: { operationId: 'getPerson' },
      });
      expect(swagger.status).toBe(422);
      expect(fieldsOf(swagger).map((f) => f.path)).toEqual(['openapi.openapi', 'openapi.paths']);

      const mounted = await call('POST', `/api/v1/catalog/entries/${entryId}/mounts`, editorA, {
        kind: 'api',
        name: '人口信息核验接口',
        openapi,
        operation: { operationId: 'getPerson' },
        apiKey: { in: 'header', name: 'X-Api-Key', value: API_KEY },
      });
      expect(mounted.status).toBe(201);
      expect(mounted.body.details).toMatchObject({
        openapi: { version: '3.0.3', operation: { method: 'GET', path: '/persons/{sfzh}', operationId: 'getPerson' } },
        apiKey: { in: 'header', name: 'X-Api-Key' },
      });
      const document = await call(
        'GET',
        `/api/v1/catalog/entries/${entryId}/mounts/${mounted.body.id}/content`,
        editorA,
      );
      expect(document.status).toBe(200);
      expect(typeof document.body === 'string' ? JSON.parse(document.body) : document.body).toEqual(openapi);
      const stored = await admin.query<{ dump: string }>(
        `SELECT string_agg(t::text, ' ') AS dump FROM catalog.entry_mount t`,
      );
      expect(stored.rows[0]!.dump).not.toContain(API_KEY);
    });

    it('mounts a file by its content (sha256 computed, stated values checked) or by reference', async () => {
      const csv = Buffer.from('姓名,公民身份号码\n张三,11010519491231002X\n', 'utf8');
      const wrongHash = await call('POST', `/api/v1/catalog/entries/${entryId}/mounts`, editorA, {
        kind: 'file',
        name: '样例数据.csv',
        mediaType: 'text/csv',
        contentBase64: csv.toString('base64'),
        sha256: '0'.repeat(64),
      });
      expect(wrongHash.status).toBe(422);
      expect(fieldsOf(wrongHash)).toEqual([{ path: 'sha256', rule: 'matches-content' }]);

      const uploaded = await call('POST', `/api/v1/catalog/entries/${entryId}/mounts`, editorA, {
        kind: 'file',
        name: '样例数据.csv',
        mediaType: 'text/csv',
        contentBase64: csv.toString('base64'),
      });
      expect(uploaded.status).toBe(201);
      expect(uploaded.body.details).toMatchObject({ size: csv.length, stored: true, url: null });
      expect(uploaded.body.details.sha256).toMatch(/^[0-9a-f]{64}$/);
      const content = await node.api('GET', `/api/v1/catalog/entries/${entryId}/mounts/${uploaded.body.id}/content`, {
        token: editorA,
      });
      expect(content.status).toBe(200);
      expect(content.body).toBe(csv.toString('utf8'));

      const referenced = await call('POST', `/api/v1/catalog/entries/${entryId}/mounts`, editorA, {
        kind: 'file',
        name: '年度统计.xlsx',
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        url: 'https://files.gat.jiangxi.gov.cn/rk/2025.xlsx',
        size: 20480,
        sha256: 'A'.repeat(64),
      });
      expect(referenced.status).toBe(201);
      expect(referenced.body.details).toMatchObject({ stored: false, sha256: 'a'.repeat(64) });

      const duplicate = await call('POST', `/api/v1/catalog/entries/${entryId}/mounts`, editorA, {
        kind: 'file',
        name: '样例数据.csv',
        mediaType: 'text/csv',
        contentBase64: csv.toString('base64'),
      });
      expect(duplicate.status).toBe(409);
    });

    it('shows mount details to the provider and the authority; others see kind and name only', async () => {
      for (const [token, action] of [
        [editorA, 'submit'],
        [reviewer, 'approve'],
        [reviewer, 'publish'],
      ] as const) {
        expect((await call('POST', `/api/v1/catalog/entries/${entryId}/${action}`, token, {})).status).toBe(200);
      }
      const forReader = await call('GET', `/api/v1/catalog/entries/${entryId}/mounts`, readerB);
      expect(forReader.status).toBe(200);
      expect(forReader.body.items).toHaveLength(4);
      for (const mount of forReader.body.items) {
        expect(Object.keys(mount).sort()).toEqual(['entryId', 'id', 'kind', 'kindLabel', 'name']);
      }
      const file = forReader.body.items.find((m: { kind: string }) => m.kind === 'file');
      expect((await call('GET', `/api/v1/catalog/entries/${entryId}/mounts/${file.id}/content`, readerB)).status).toBe(
        403,
      );

      const forAuthority = await call('GET', `/api/v1/catalog/entries/${entryId}/mounts`, reviewer);
      expect(forAuthority.body.items.every((m: { details?: unknown }) => m.details !== undefined)).toBe(true);
    });

    it('unmounts for the provider only, and keeps a data source while a table uses it', async () => {
      const list = await call('GET', `/api/v1/catalog/entries/${entryId}/mounts`, editorA);
      const table = list.body.items.find((m: { kind: string }) => m.kind === 'table');
      expect((await call('DELETE', `/api/v1/catalog/data-sources/${sourceId}`, editorA)).status).toBe(409);
      expect((await call('DELETE', `/api/v1/catalog/entries/${entryId}/mounts/${table.id}`, editorB)).status).toBe(403);
      const foreign = await call('POST', `/api/v1/catalog/entries/${entryId}/mounts`, editorB, {
        kind: 'api',
        name: '他人挂接',
        endpoint: { url: 'https://example.gov.cn/api', method: 'GET' },
      });
      expect(foreign.status).toBe(403);
      expect((await call('DELETE', `/api/v1/catalog/entries/${entryId}/mounts/${table.id}`, editorA)).status).toBe(204);
      const after = await call('GET', `/api/v1/catalog/entries/${entryId}/mounts`, editorA);
      expect(after.body.items.map((m: { id: string }) => m.id)).not.toContain(table.id);
      expect((await call('DELETE', `/api/v1/catalog/data-sources/${sourceId}`, editorA)).status).toBe(204);
    });

    it('never returned a password or API key in any response of this run', () => {
      expect(bodies.length).toBeGreaterThan(30);
      for (const body of bodies) {
        expect(body).not.toContain(SOURCE_PASSWORD);
        expect(body).not.toContain(API_KEY);
        expect(body).not.toContain('wrong-password');
      }
    });
  });
});
