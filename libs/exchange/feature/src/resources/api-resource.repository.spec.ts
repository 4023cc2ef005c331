import { toApiResourceRecord, type ApiResourceRaw } from './api-resource.repository.js';

describe('toApiResourceRecord', () => {
  it('maps every column of a row to its field', () => {
    const raw: ApiResourceRaw = {
      id: 'r0000000-0000-4000-8000-000000000001',
      node_code: '360000',
      organisation_id: 'o0000000-0000-4000-8000-000000000001',
      entry_id: 'e0000000-0000-4000-8000-000000000001',
      name: '人口基本信息查询',
      base_url: 'https://api.example.gov.cn',
      openapi: { openapi: '3.0.3' },
      operations: [{ method: 'GET', path: '/persons', operationId: 'listPersons', summary: null }],
      response_items: [{ item: '姓名', field: 'xm' }],
      records_at: 'data.list',
      upstream: { timeoutMs: 800 },
      credential_kind: 'api-key',
      credential_meta: { in: 'header', name: 'x-api-key' },
      credential_cipher: 'sealed',
      version: 1,
      created_by: 'user:data-admin',
      created_at: new Date('2026-03-01T00:00:00Z'),
      updated_at: new Date('2026-03-02T00:00:00Z'),
    };
    expect(toApiResourceRecord(raw)).toEqual({
      id: raw.id,
      nodeCode: '360000',
      organisationId: raw.organisation_id,
      entryId: raw.entry_id,
      name: '人口基本信息查询',
      baseUrl: 'https://api.example.gov.cn',
      openapi: { openapi: '3.0.3' },
      operations: raw.operations,
      responseItems: raw.response_items,
      recordsAt: 'data.list',
      upstream: { timeoutMs: 800 },
      credentialKind: 'api-key',
      credentialMeta: { in: 'header', name: 'x-api-key' },
      credentialCipher: 'sealed',
      version: 1,
      createdBy: 'user:data-admin',
      createdAt: raw.created_at,
      updatedAt: raw.updated_at,
    });
  });
});
