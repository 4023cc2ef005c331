import { describe, expect, it } from 'vitest';
import type { DatasetRecord, ResourceRecord } from '../datasets/dataset.js';
import { ckanTime, datastoreType, organizationDict, packageDict } from './ckan-package.js';

const BASE = 'https://data.jiangxi.gov.cn';

function dataset(overrides: Partial<DatasetRecord> = {}): DatasetRecord {
  return {
    id: '6d1f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50',
    nodeCode: '360000',
    entryId: '0b0e7b9e-1111-4a39-9a0e-0f1c2d3e4f50',
    entryCode: '360000-ABC-00001',
    entryVersion: 3,
    entrySequence: 12,
    organisationId: '9a8b7c6d-2222-4a39-9a0e-0f1c2d3e4f50',
    providerName: '江西省人力资源和社会保障厅',
    providerCode: '11360000014500000X',
    name: '社会保险参保信息',
    abstract: '全省社会保险参保单位与人员汇总',
    openType: 'unconditional',
    openConditions: '',
    updateCycle: 'monthly',
    regionCode: '360000',
    classification: '101001',
    tags: ['社保', '参保', '社保'],
    items: [],
    formats: ['数据库'],
    domain: 'employment',
    licence: 'cc-by',
    status: 'open',
    review: null,
    reviewDue: null,
    reviewDueProvisional: false,
    submittedAt: '2026-01-01T00:00:00.000Z',
    openedAt: '2026-01-05T02:03:04.567Z',
    archivedAt: null,
    archivedReason: null,
    metadataModified: '2026-02-01T08:00:00.000Z',
    publicVersion: 1,
    origin: null,
    ...overrides,
  };
}

function resource(overrides: Partial<ResourceRecord> = {}): ResourceRecord {
  return {
    id: 'aa2f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50',
    datasetId: '6d1f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50',
    kind: 'table',
    mountId: 'bb2f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50',
    name: '参保人员表',
    source: {} as ResourceRecord['source'],
    columns: [
      { column: 'xm', columnType: 'character varying', item: '姓名', decision: 'mask', mask: 'name-keep-surname' },
      { column: 'sfzh', columnType: 'character', item: '公民身份号码', decision: 'withhold' },
      { column: 'nl', columnType: 'integer', item: '年龄', decision: 'open' },
    ],
    createdAt: '2026-01-05T02:03:04.567Z',
    updatedAt: '2026-01-06T00:00:00.000Z',
    replicaFiles: null,
    ...overrides,
  };
}

describe('CKAN package dict', () => {
  it('shows an open dataset as a CKAN package a harvester can store', () => {
    const other = resource({ id: 'cc2f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50', datasetId: 'someone-else' });
    const p = packageDict(BASE, dataset(), [resource(), other]);
    expect(p).toMatchObject({
      id: '6d1f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50',
      name: '6d1f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50',
      title: '社会保险参保信息',
      notes: '全省社会保险参保单位与人员汇总',
      type: 'dataset',
      state: 'active',
      private: false,
      owner_org: '9a8b7c6d-2222-4a39-9a0e-0f1c2d3e4f50',
      organization: {
        id: '9a8b7c6d-2222-4a39-9a0e-0f1c2d3e4f50',
        name: '9a8b7c6d-2222-4a39-9a0e-0f1c2d3e4f50',
        title: '江西省人力资源和社会保障厅',
      },
      groups: [{ name: 'employment', title: '社保就业' }],
      tags: [{ name: '社保' }, { name: '参保' }],
      num_tags: 2,
      license_id: 'cc-by',
      license_url: 'https://creativecommons.org/licenses/by/4.0/',
      isopen: true,
      metadata_created: '2026-01-05T02:03:04.567',
      metadata_modified: '2026-02-01T08:00:00.000',
      num_resources: 1,
    });
    expect(p.name).toMatch(/^[a-z0-9_-]{2,100}$/);
    expect(p.resources).toEqual([
      expect.objectContaining({
        id: 'aa2f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50',
        package_id: p.id,
        format: 'CSV',
        datastore_active: true,
        position: 0,
        url: `${BASE}/api/v1/open-data/datasets/${p.id}/resources/aa2f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50/download?format=csv`,
        description: '数据项：姓名、年龄',
      }),
    ]);
    expect(Object.fromEntries(p.extras.map((e) => [e.key, e.value]))).toEqual({
      信息资源代码: '360000-ABC-00001',
      提供方代码: '11360000014500000X',
      更新周期: '每月',
      开放类型: '无条件开放',
      节点代码: '360000',
    });
  });

  it('marks an archived dataset deleted, with why, and says the conditions of a conditional one', () => {
    const archived = packageDict(BASE, dataset({ status: 'archived', archivedReason: '目录已停用' }), []);
    expect(archived.state).toBe('deleted');
    expect(archived.extras).toContainEqual({ key: '归档原因', value: '目录已停用' });
    const conditional = packageDict(BASE, dataset({ openType: 'conditional', openConditions: '仅限科研' }), []);
    expect(conditional.extras).toContainEqual({ key: '开放类型', value: '有条件开放' });
    expect(conditional.extras).toContainEqual({ key: '开放条件', value: '仅限科研' });
  });

  it('says when no licence or domain was given rather than inventing one', () => {
    const p = packageDict(BASE, dataset({ licence: null, domain: null }), []);
    expect(p).toMatchObject({ license_id: 'notspecified', isopen: false, groups: [] });
  });

  it('shows departments as organizations, and column types as DataStore types', () => {
    expect(organizationDict(dataset(), 4)).toMatchObject({ title: '江西省人力资源和社会保障厅', package_count: 4 });
    expect(ckanTime('2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000');
    expect(datastoreType({ columnType: 'integer', decision: 'open' })).toBe('int');
    expect(datastoreType({ columnType: 'integer', decision: 'mask' })).toBe('text');
    expect(datastoreType({ columnType: 'timestamp with time zone', decision: 'open' })).toBe('timestamp');
  });
});
