import { Converter } from 'opencc-js';
import { randomUUID } from 'node:crypto';
import { BusinessClock } from '@govdata/catalog-feature';
import type { InheritedStandardEventV1, IssuedStandard, StandardEventV1 } from '@govdata/contracts';
import { decodeCloudEvent, encodeCloudEvent, eventSource } from '@govdata/platform-messaging';
import { TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { sampleEntry, startCatalogNode, type CatalogNode } from './catalog-harness.js';

/**
 * 标准下行 on a provincial node: the standards its data-admin changes go out as
 * `catalog.standard.v1` (read from the node's topic), and the national node's standards arrive as
 * `federation.standard.v1` events produced on the node's topic as its federation service will
 * (CloudEvents from `urn:govdata:node:360000:federation`), then show through the gateway.
 */

const PROVINCE = '360000';
const NATIONAL = '100000';

describe('standards flowing down the federation', () => {
  let node: CatalogNode;
  let producer: Producer;
  let consumer: Consumer;
  let dataAdmin: string;
  let reader: string;
  let editor: string;
  let reviewer: string;
  let auditor: string;
  const today = '2026-12-28';
  const issued: Array<{ subject?: string; data: StandardEventV1 }> = [];

  /** Produces an ancestor's standard on the node's topic; resolves once the catalog consumed it. */
  async function inherit(
    standard: IssuedStandard,
    action: 'upsert' | 'remove' = 'upsert',
    path = [NATIONAL, PROVINCE],
  ): Promise<void> {
    const data: InheritedStandardEventV1 = {
      action,
      at: new Date().toISOString(),
      standard,
      path,
      receivedAt: new Date().toISOString(),
    };
    const id = randomUUID();
    const subject = `${standard.origin}/${standard.kind}/${standard.key}`;
    const message = encodeCloudEvent(
      {
        specversion: '1.0',
        id,
        type: 'federation.standard.v1',
        source: eventSource(PROVINCE, 'federation'),
        subject,
        datacontenttype: 'application/json',
        data,
      },
      subject,
    );
    await producer.send({ topic: `${node.config.kafka.topicPrefix}federation.standard.v1`, messages: [message] });
    await waitFor(
      async () => ((await node.sql('SELECT 1 FROM inbox WHERE event_id = $1', [id])).length ? true : undefined),
      30_000,
      `federation.standard.v1 ${subject} v${standard.version} consumed`,
    );
  }

  /** The catalog.standard.v1 events of one standard on the topic, once there are `count`. */
  async function issuedOf(kind: string, key: string, count: number): Promise<StandardEventV1[]> {
    return waitFor(
      async () => {
        const mine = issued.filter((e) => e.subject === `${kind}/${key}`).map((e) => e.data);
        return mine.length >= count ? mine : undefined;
      },
      30_000,
      `${count} catalog.standard.v1 events of ${kind}/${key}`,
    );
  }

  async function classification(code: string): Promise<any> {
    const res = await node.api('GET', '/api/v1/catalog/classifications', { token: reader });
    expect(res.status).toBe(200);
    return res.body.items.find((c: { code: string }) => c.code === code);
  }

  async function conflicts(key: string): Promise<any[]> {
    const res = await node.api('GET', '/api/v1/catalog/standards/conflicts', { token: dataAdmin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items.filter((c: { key: string }) => c.key === key);
  }

  async function standards(query: string): Promise<any[]> {
    const res = await node.api('GET', `/api/v1/catalog/standards${query}`, { token: reader });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items;
  }

  const nationalCode = (code: string, parentCode: string, name: string, version = 1): IssuedStandard => ({
    kind: 'classification',
    key: code,
    origin: NATIONAL,
    version,
    body: { code, parentCode, level: code.length === 6 ? 3 : 4, name, nameEn: null },
  });

  beforeAll(async () => {
    node = await startCatalogNode({
      node: {
        code: PROVINCE,
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: { code: NATIONAL, gateway: 'http://127.0.0.1:9', federation: '127.0.0.1:9' },
      },
    });
    vi.spyOn(node.catalog.app.get(BusinessClock), 'today').mockImplementation(() => today);
    dataAdmin = await node.token(node.orgB, ['data-admin'], 'data-admin');
    reader = await node.token(node.orgB, []);
    editor = await node.token(node.orgA, ['catalog-editor'], 'editor');
    reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'reviewer');
    auditor = await node.token(node.orgB, ['auditor'], 'auditor');

    const kafka = new Kafka({ clientId: 'standards-test', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const topic = `${node.config.kafka.topicPrefix}catalog.standard.v1`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    await admin.disconnect();
    consumer = kafka.consumer({ groupId: `${node.config.kafka.topicPrefix}standards-reader` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        const event = decodeCloudEvent({ key: message.key?.toString() ?? '', value: message.value!, headers });
        issued.push({ subject: event.subject, data: event.data as StandardEventV1 });
      },
    });
    producer = kafka.producer();
    await producer.connect();
  }, 180_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await producer?.disconnect();
    await consumer?.disconnect();
    await node?.close();
  });

  it('issues each change of a code or grade rule as catalog.standard.v1, versions growing per standard', async () => {
    const added = await node.api('POST', '/api/v1/catalog/classifications', {
      token: dataAdmin,
      body: { code: '101001001', name: '常住人口信息' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const renamed = await node.api('PUT', '/api/v1/catalog/classifications/101001001', {
      token: dataAdmin,
      body: { name: '常住人口基本信息', nameEn: 'Resident population' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ code: '101001001', name: '常住人口基本信息', origin: 'node' });
    const byEditor = await node.api('PUT', '/api/v1/catalog/classifications/101001001', {
      token: editor,
      body: { name: '改名' },
    });
    expect(byEditor.status).toBe(403);

    const policy = await node.api('PUT', '/api/v1/catalog/settings/grade-policy', {
      token: dataAdmin,
      body: { rules: [{ grade: 'general-2', sharingTypes: ['conditional', 'none'], openTypes: ['none'] }] },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);

    const code = await issuedOf('classification', '101001001', 2);
    expect(code.map((e) => [e.action, e.standard.version, e.standard.body])).toEqual([
      ['upsert', 1, { code: '101001001', parentCode: '101001', level: 4, name: '常住人口信息', nameEn: null }],
      [
        'upsert',
        2,
        { code: '101001001', parentCode: '101001', level: 4, name: '常住人口基本信息', nameEn: 'Resident population' },
      ],
    ]);
    expect(code.every((e) => e.standard.origin === PROVINCE)).toBe(true);
    const [rule] = await issuedOf('grade-policy', 'general-2', 1);
    expect(rule!.standard).toMatchObject({
      origin: PROVINCE,
      version: 1,
      body: { grade: 'general-2', sharingTypes: ['conditional', 'none'], openTypes: ['none'] },
    });
    expect(await standards(`?kind=classification&origin=${PROVINCE}`)).toEqual([
      expect.objectContaining({ key: '101001001', version: 2, inherited: false, receivedAt: null }),
    ]);
  });

  it('keeps a registry of data elements: any user reads, the data-admin writes, bad input answers 4xx naming the field', async () => {
    const bad = await node.api('POST', '/api/v1/catalog/data-elements', {
      token: dataAdmin,
      body: { identifier: 'DE 1', name: '', definition: '公民身份号码', dataType: 'X' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['dataType', 'identifier', 'name']);
    const noLength = await node.api('POST', '/api/v1/catalog/data-elements', {
      token: dataAdmin,
      body: { identifier: 'DE00001', name: '公民身份号码', definition: '公民身份号码', dataType: 'C' },
    });
    expect(noLength.status).toBe(400);
    expect(noLength.body.errors).toEqual([expect.objectContaining({ path: 'length', rule: 'length-required' })]);
    const element = {
      identifier: 'DE00001',
      name: '公民身份号码',
      nameEn: 'Citizen identity number',
      definition: '赋予每个公民的唯一的、终身不变的身份代码',
      dataType: 'C',
      length: 18,
      valueDomain: 'GB 11643',
    };
    const byReader = await node.api('POST', '/api/v1/catalog/data-elements', { token: reader, body: element });
    expect(byReader.status).toBe(403);
    const created = await node.api('POST', '/api/v1/catalog/data-elements', { token: dataAdmin, body: element });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...element, inheritedFrom: null });
    const again = await node.api('POST', '/api/v1/catalog/data-elements', { token: dataAdmin, body: element });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'identifier', rule: 'unique' })]);

    const found = await node.api('GET', '/api/v1/catalog/data-elements?q=身份', { token: reader });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ total: 1, items: [{ identifier: 'DE00001' }] });
    // The name typed in either script (derived at run time) finds it.
    for (const typed of [
      Converter({ from: 'cn', to: 'tw' })('身份号码'),
      Converter({ from: 'tw', to: 'cn' })('身份号码'),
    ]) {
      const inScript = await node.api('GET', `/api/v1/catalog/data-elements?q=${encodeURIComponent(typed)}`, {
        token: reader,
      });
      expect(inScript.body, typed).toMatchObject({ total: 1, items: [{ identifier: 'DE00001' }] });
    }
    const badQuery = await node.api('GET', '/api/v1/catalog/data-elements?dataType=Q', { token: reader });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors).toEqual([expect.objectContaining({ path: 'dataType' })]);

    const { identifier: _, ...fields } = element;
    const updated = await node.api('PUT', '/api/v1/catalog/data-elements/DE00001', {
      token: dataAdmin,
      body: { ...fields, valueDomain: 'GB 11643-1999' },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect((await node.api('GET', '/api/v1/catalog/data-elements/DE00001', { token: reader })).body).toMatchObject({
      valueDomain: 'GB 11643-1999',
    });
    const removed = await node.api('DELETE', '/api/v1/catalog/data-elements/DE00001', { token: dataAdmin });
    expect(removed.status).toBe(204);
    expect((await node.api('GET', '/api/v1/catalog/data-elements/DE00001', { token: reader })).status).toBe(404);

    const events = await issuedOf('data-element', 'DE00001', 3);
    expect(events.map((e) => [e.action, e.standard.version])).toEqual([
      ['upsert', 1],
      ['upsert', 2],
      ['remove', 3],
    ]);
    expect(events[2]!.standard.body).toMatchObject({ identifier: 'DE00001', valueDomain: 'GB 11643-1999' });
  });

  it('makes an inherited data element read-only; the node adds its own under other identifiers', async () => {
    await inherit({
      kind: 'data-element',
      key: 'DE00002',
      origin: NATIONAL,
      version: 1,
      body: {
        identifier: 'DE00002',
        name: '姓名',
        nameEn: 'Name',
        definition: '在户籍管理部门正式登记注册的姓氏和名称',
        dataType: 'C',
        length: 50,
        valueDomain: null,
      },
    });
    const got = await node.api('GET', '/api/v1/catalog/data-elements/DE00002', { token: reader });
    expect(got.body).toMatchObject({ identifier: 'DE00002', name: '姓名', inheritedFrom: NATIONAL });
    const edit = await node.api('PUT', '/api/v1/catalog/data-elements/DE00002', {
      token: dataAdmin,
      body: { name: '姓名', definition: '改', dataType: 'C', length: 60 },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.errors).toEqual([expect.objectContaining({ path: 'identifier', rule: 'inherited-standard' })]);
    const own = await node.api('POST', '/api/v1/catalog/data-elements', {
      token: dataAdmin,
      body: { identifier: 'JX.DE00002', name: '曾用名', definition: '曾经使用过的姓名', dataType: 'C', length: 50 },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const local = await node.api('GET', '/api/v1/catalog/data-elements?source=local', { token: reader });
    expect(local.body.items.map((e: { identifier: string }) => e.identifier)).toEqual(['JX.DE00002']);
  });

  it('applies an inherited code read-only with its provenance, waiting for its parent when that comes later', async () => {
    // The 细目 travels ahead of its 目: it waits, and is applied when the 目 arrives.
    await inherit(nationalCode('101004001', '101004', '户籍迁入信息'));
    expect(await classification('101004001')).toBeUndefined();
    await inherit(nationalCode('101004', '101', '人口迁移信息'));
    expect(await classification('101004')).toMatchObject({
      name: '人口迁移信息',
      origin: 'inherited',
      inheritedFrom: NATIONAL,
      withdrawnAt: null,
    });
    expect(await classification('101004001')).toMatchObject({ parentCode: '101004', inheritedFrom: NATIONAL });

    const listed = await standards(`?kind=classification&origin=${NATIONAL}`);
    expect(listed.map((s) => s.key)).toEqual(['101004', '101004001']);
    expect(listed[0]).toMatchObject({ origin: NATIONAL, version: 1, inherited: true, path: [NATIONAL, PROVINCE] });
    expect(Date.parse(listed[0].receivedAt)).not.toBeNaN();

    const edit = await node.api('PUT', '/api/v1/catalog/classifications/101004', {
      token: dataAdmin,
      body: { name: '人口流动信息' },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.errors).toEqual([expect.objectContaining({ path: 'code', rule: 'inherited-standard' })]);
    const add = await node.api('POST', '/api/v1/catalog/classifications', {
      token: dataAdmin,
      body: { code: '101004', name: '人口流动信息' },
    });
    expect(add.status).toBe(409);
    expect(add.body.errors).toEqual([expect.objectContaining({ path: 'code', rule: 'inherited-standard' })]);
    // Extending it is allowed.
    const child = await node.api('POST', '/api/v1/catalog/classifications', {
      token: dataAdmin,
      body: { code: '101004002', name: '省内迁移信息' },
    });
    expect(child.status, JSON.stringify(child.body)).toBe(201);
  });

  it('replaces a local code of other content with the inherited one and records the conflict', async () => {
    const local = await node.api('POST', '/api/v1/catalog/classifications', {
      token: dataAdmin,
      body: { code: '102003', name: '个体工商户信息' },
    });
    expect(local.status).toBe(201);
    await inherit(nationalCode('102003', '102', '个体工商户登记信息'));
    expect(await classification('102003')).toMatchObject({ name: '个体工商户登记信息', inheritedFrom: NATIONAL });
    expect(await conflicts('102003')).toEqual([
      expect.objectContaining({
        kind: 'classification',
        origin: NATIONAL,
        version: 1,
        rule: 'local-replaced',
        resolution: 'replaced-local',
        local: expect.objectContaining({ name: '个体工商户信息' }),
        inherited: expect.objectContaining({ name: '个体工商户登记信息' }),
      }),
    ]);
    // The local issue of 102003 is no longer in force: the inherited one is.
    expect((await standards('?kind=classification')).filter((s) => s.key === '102003')).toEqual([
      expect.objectContaining({ origin: NATIONAL, inherited: true }),
    ]);
    const byReader = await node.api('GET', '/api/v1/catalog/standards/conflicts', { token: reader });
    expect(byReader.status).toBe(403);
    expect((await node.api('GET', '/api/v1/catalog/standards/conflicts', { token: auditor })).status).toBe(200);
  });

  it('changes nothing for a copy of the version it has or an older one', async () => {
    await inherit(nationalCode('102003', '102', '个体工商户登记信息（新）', 2));
    expect(await classification('102003')).toMatchObject({ name: '个体工商户登记信息（新）' });
    const before = await node.sql<{ applied_at: Date }>(
      `SELECT applied_at FROM inherited_standard WHERE origin_node = $1 AND kind = 'classification' AND key = '102003'`,
      [NATIONAL],
    );
    await inherit(nationalCode('102003', '102', '重放的名称', 2));
    await inherit(nationalCode('102003', '102', '过时的名称', 1));
    expect(await classification('102003')).toMatchObject({ name: '个体工商户登记信息（新）' });
    expect((await standards(`?kind=classification&origin=${NATIONAL}`)).find((s) => s.key === '102003')).toMatchObject({
      version: 2,
      body: expect.objectContaining({ name: '个体工商户登记信息（新）' }),
    });
    const after = await node.sql<{ applied_at: Date }>(
      `SELECT applied_at FROM inherited_standard WHERE origin_node = $1 AND kind = 'classification' AND key = '102003'`,
      [NATIONAL],
    );
    expect(after[0]!.applied_at.toISOString()).toBe(before[0]!.applied_at.toISOString());
    expect(await conflicts('102003')).toHaveLength(1);
  });

  it('ignores a standard not addressed to this node', async () => {
    await inherit(nationalCode('101005', '101', '不是给本节点的'), 'upsert', [NATIONAL, '360100']);
    expect(await classification('101005')).toBeUndefined();
    expect((await standards('?kind=classification')).some((s) => s.key === '101005')).toBe(false);
  });

  it('withdraws an inherited code: entries filed under it keep it, no new entry may use it', async () => {
    const filed = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: sampleEntry({ name: '人口迁移登记信息', classificationCode: '101004' }) },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await inherit(nationalCode('101004', '101', '人口迁移信息', 2), 'remove');
    expect((await classification('101004')).withdrawnAt).not.toBeNull();

    const refused = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: sampleEntry({ name: '人口迁出信息', classificationCode: '101004' }) },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'content.classificationCode', rule: 'withdrawn-classification' }),
    ]);
    const kept = await node.api('PUT', `/api/v1/catalog/entries/${filed.body.id}`, {
      token: editor,
      body: { content: sampleEntry({ name: '人口迁移登记信息（修订）', classificationCode: '101004' }) },
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.content.classificationCode).toBe('101004');
    expect((await standards(`?kind=classification&origin=${NATIONAL}`)).some((s) => s.key === '101004')).toBe(false);
  });

  it('holds the grade policy within the inherited rule: narrowed on arrival, contradictions refused, entries checked on the effective policy', async () => {
    await inherit({
      kind: 'grade-policy',
      key: 'general-1',
      origin: NATIONAL,
      version: 1,
      body: {
        grade: 'general-1',
        sharingTypes: ['unconditional', 'conditional', 'none'],
        openTypes: ['conditional', 'none'],
      },
    });
    const policy = await node.api('GET', '/api/v1/catalog/settings/grade-policy', { token: reader });
    expect(policy.body.rules.find((r: { grade: string }) => r.grade === 'general-1')).toMatchObject({
      openTypes: ['conditional', 'none'],
    });
    expect(policy.body.effective.find((r: { grade: string }) => r.grade === 'general-1')).toMatchObject({
      openTypes: ['conditional', 'none'],
      ceilings: [expect.objectContaining({ origin: NATIONAL, version: 1 })],
    });
    expect(await conflicts('general-1')).toEqual([
      expect.objectContaining({ rule: 'contradicts-inherited', resolution: 'narrowed-local' }),
    ]);

    const contradicting = await node.api('PUT', '/api/v1/catalog/settings/grade-policy', {
      token: dataAdmin,
      body: {
        rules: [
          {
            grade: 'general-1',
            sharingTypes: ['unconditional', 'conditional', 'none'],
            openTypes: ['unconditional', 'conditional', 'none'],
          },
        ],
      },
    });
    expect(contradicting.status).toBe(422);
    expect(contradicting.body.errors).toEqual([
      expect.objectContaining({ path: 'rules.0.openTypes', rule: 'contradicts-inherited' }),
    ]);

    // Even a local rule that went beyond the ceiling behind the service's back is held to it.
    await node.sql(
      `UPDATE grade_policy SET open_types = ARRAY['unconditional', 'conditional', 'none'] WHERE grade = 'general-1'`,
    );
    const l1 = { grade: { category: 'general', level: 1 } };
    const open = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: sampleEntry({ ...l1, name: '公共场所名录', open: { type: 'unconditional' } }) },
    });
    expect(open.status).toBe(422);
    expect(open.body.errors).toEqual([expect.objectContaining({ path: 'content.open.type', rule: 'grade-policy' })]);
    const conditional = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: {
        content: sampleEntry({ ...l1, name: '公共场所名录', open: { type: 'conditional', conditions: '申请开放' } }),
      },
    });
    expect(conditional.status, JSON.stringify(conditional.body)).toBe(201);
  });

  it('loads an inherited calendar year read-only and dates the clocks that waited for it', async () => {
    const entry = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: sampleEntry({ name: '社会保险参保信息', classificationCode: '203001' }) },
    });
    expect(entry.status).toBe(201);
    expect(
      (await node.api('POST', `/api/v1/catalog/entries/${entry.body.id}/submit`, { token: editor, body: {} })).status,
    ).toBe(200);
    const clockOf = async () =>
      (await node.api('GET', `/api/v1/catalog/clocks?entryId=${entry.body.id}`, { token: reviewer })).body.items[0];
    expect(await clockOf()).toMatchObject({
      kind: 'review',
      dueOn: expect.stringMatching(/^2027-/),
      provisional: true,
    });

    const local = await node.api('PUT', '/api/v1/catalog/settings/calendar/2028', {
      token: dataAdmin,
      body: {
        notice: '国务院办公厅关于2028年部分节假日安排的通知（测试数据）',
        holidays: ['2028-01-01'],
        workdays: [],
      },
    });
    expect(local.status, JSON.stringify(local.body)).toBe(200);
    const [issuedYear] = await issuedOf('calendar-year', '2028', 1);
    expect(issuedYear!.standard).toMatchObject({
      origin: PROVINCE,
      version: 1,
      body: { year: 2028, holidays: ['2028-01-01'] },
    });

    await inherit({
      kind: 'calendar-year',
      key: '2027',
      origin: NATIONAL,
      version: 1,
      body: {
        year: 2027,
        notice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
        workdays: [],
      },
    });
    expect(await clockOf()).toMatchObject({
      dueOn: expect.stringMatching(/^2027-/),
      dueUnknown: null,
      provisional: false,
      status: 'open',
    });
    const calendar = await node.api('GET', '/api/v1/catalog/settings/calendar', { token: reader });
    expect(calendar.body.years).toContain(2027);
    expect(calendar.body.loaded).toContainEqual(expect.objectContaining({ year: 2027, inheritedFrom: NATIONAL }));
    const overwrite = await node.api('PUT', '/api/v1/catalog/settings/calendar/2027', {
      token: dataAdmin,
      body: { notice: '本省自定', holidays: ['2027-01-01'], workdays: [] },
    });
    expect(overwrite.status).toBe(409);
    expect(overwrite.body.errors).toEqual([expect.objectContaining({ path: 'year', rule: 'inherited-standard' })]);
  });

  it('opens the campaign a directive asks for, and keeps one the node already opened', async () => {
    const own = await node.api('POST', '/api/v1/catalog/campaigns', { token: dataAdmin, body: { year: 2025 } });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const [directive] = await issuedOf('directive', 'annual-review-campaign-2025', 1);
    expect(directive!.standard).toMatchObject({
      origin: PROVINCE,
      version: 1,
      body: { type: 'annual-review-campaign', year: 2025, startedOn: today, workingDays: 20 },
    });

    const campaign = (year: number, startedOn: string, workingDays: number): IssuedStandard => ({
      kind: 'directive',
      key: `annual-review-campaign-${year}`,
      origin: NATIONAL,
      version: 1,
      body: { type: 'annual-review-campaign', year, startedOn, workingDays, title: `${year}年度全国目录全面复核` },
    });
    await inherit(campaign(2026, '2026-12-01', 15));
    await inherit(campaign(2025, '2026-11-02', 10));
    const campaigns = await node.api('GET', '/api/v1/catalog/campaigns', { token: dataAdmin });
    expect(campaigns.status).toBe(200);
    const byYear = new Map(campaigns.body.items.map((c: { year: number }) => [c.year, c]));
    expect(byYear.get(2026)).toMatchObject({
      startedOn: '2026-12-01',
      workingDays: 15,
      directive: { origin: NATIONAL, key: 'annual-review-campaign-2026' },
    });
    expect(byYear.get(2025)).toMatchObject({ startedOn: today, workingDays: 20, directive: null });
    expect(await conflicts('annual-review-campaign-2025')).toEqual([
      expect.objectContaining({ rule: 'campaign-already-opened', resolution: 'kept-local' }),
    ]);
    expect(await standards(`?kind=directive&origin=${NATIONAL}`)).toEqual([
      expect.objectContaining({ key: 'annual-review-campaign-2025', outcome: 'kept-local' }),
      expect.objectContaining({ key: 'annual-review-campaign-2026', outcome: 'applied' }),
    ]);
  });
});
